package com.exportservice.security;

import com.exportservice.config.ConfigException;
import com.exportservice.config.Settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The settings of who may reach the HTTP server (contract sections 2 and 11).
 *
 * @param host           the address the server binds ({@code exporter.http.host})
 * @param loopback       whether that address is a loopback address (nothing off the machine reaches it)
 * @param allowedHosts   extra host names accepted in the {@code Host} header without tokens, lower case
 * @param tokensFile     the tokens file, resolved against the working directory
 * @param tokensFileName the tokens file as configured, for messages
 * @param allowAnonymous serve without tokens on a non-loopback address
 * @param idleTimeout    a connection that sends and receives nothing for this long is closed
 */
public record HttpAccessSettings(String host, boolean loopback, Set<String> allowedHosts, Path tokensFile,
                                 String tokensFileName, boolean allowAnonymous, Duration idleTimeout) {
    public static final String HOST = "exporter.http.host";
    public static final String ALLOWED_HOSTS = "exporter.http.allowed-hosts";
    public static final String IDLE_TIMEOUT = "exporter.http.idle-timeout";
    public static final String TOKENS_FILE = "exporter.security.tokens-file";
    public static final String ALLOW_ANONYMOUS = "exporter.security.allow-anonymous";

    public HttpAccessSettings {
        allowedHosts = Set.copyOf(allowedHosts);
    }

    public static HttpAccessSettings from(Settings settings, Path workingDir) {
        String host = settings.get(HOST, "127.0.0.1");
        Set<String> allowed = new LinkedHashSet<>();
        for (String h : settings.get(ALLOWED_HOSTS, "").split(",")) {
            String name = h.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                if (name.contains(":") && !name.startsWith("[") || name.contains("/")) {
                    throw new ConfigException(ALLOWED_HOSTS + ": '" + h.trim() + "' is not a host name (list names without port or scheme, "
                            + "comma-separated; from " + settings.origin(ALLOWED_HOSTS) + ")");
                }
                allowed.add(name);
            }
        }
        String tokensName = settings.get(TOKENS_FILE, "config/tokens.yaml");
        return new HttpAccessSettings(host, isLoopback(host, settings), allowed, workingDir.resolve(tokensName).normalize(),
                tokensName, settings.getBoolean(ALLOW_ANONYMOUS, false), settings.duration(IDLE_TIMEOUT, "PT60S"));
    }

    /**
     * The start-up check, like Elasticsearch's bootstrap checks: on an address other machines can reach,
     * the service refuses to start without tokens unless anonymous access was asked for explicitly.
     */
    public void checkBootstrap(boolean tokensPresent) {
        if (loopback || tokensPresent || allowAnonymous) {
            return;
        }
        throw new ConfigException(HOST + "=" + host + " is reachable from other machines, and " + tokensFileName
                + " holds no API token: anyone who reaches its port could export every table. Either\n"
                + "  - create a token (and restart):  java -jar target/export-service.jar token create --name admin --role operator\n"
                + "  - or bind to this machine only:   " + HOST + "=127.0.0.1\n"
                + "  - or allow access without tokens: " + ALLOW_ANONYMOUS + "=true (then list the host names clients use in "
                + ALLOWED_HOSTS + ")");
    }

    /** Whether anonymous access applies while the tokens file holds no token. */
    public boolean anonymousAllowed() {
        return loopback || allowAnonymous;
    }

    private static boolean isLoopback(String host, Settings settings) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            return Arrays.stream(all).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            throw new ConfigException(HOST + ": cannot resolve '" + host + "' (from " + settings.origin(HOST) + ")");
        }
    }

}
