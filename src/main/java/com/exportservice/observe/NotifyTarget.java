package com.exportservice.observe;

import com.exportservice.config.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * {@code exporter.notify.url} taken apart for camel-http: the endpoint without credentials or query (so no
 * password ever is part of an endpoint URI Camel logs or names in an error), the query sent as it was
 * given, and the credentials of {@code user:password@} as a Basic {@code Authorization} header.
 *
 * @param endpointUri   scheme, host, port and path
 * @param query         the URL's raw query, or null
 * @param authorization {@code Basic …} for the URL's user info, or null
 * @param display       the URL for log lines, credentials masked
 */
public record NotifyTarget(String endpointUri, String query, String authorization, String display) {
    public static final String SETTING = "exporter.notify.url";

    /**
     * @throws ConfigException when the URL is not an absolute http or https URL
     */
    public static NotifyTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException(SETTING + ": not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ConfigException(SETTING + ": must be an http:// or https:// URL with a host, e.g. https://hooks.example.com/exports");
        }
        String hostPort = (uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost())
                + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String authorization = null;
        String display = scheme + "://" + hostPort + path;
        if (uri.getRawUserInfo() != null) {
            String info = URLDecoder.decode(uri.getRawUserInfo().replace("+", "%2B"), StandardCharsets.UTF_8);
            authorization = "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8));
            display = scheme + "://***@" + hostPort + path;
        }
        return new NotifyTarget(scheme + "://" + hostPort + path, uri.getRawQuery(), authorization, display);
    }
}
