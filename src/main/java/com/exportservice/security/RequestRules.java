package com.exportservice.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules the access gate applies to a request before any route sees it, as plain functions: which
 * paths are public, what a method needs, whether an {@code Origin} is foreign, whether a {@code Host}
 * may be served without tokens.
 */
public final class RequestRules {
    /** What a request needs before it may go on. */
    public enum Access {
        /** The web UI's files: anyone (the sign-in screen must load). */
        PUBLIC,
        /** {@code GET /api/health}: anyone; without credentials it answers only the status. */
        HEALTH,
        /** Signing in and out ({@code POST}/{@code DELETE /api/session}): anyone. */
        SESSION,
        /** Reading: a viewer or an operator. */
        READ,
        /** Changing (every method but GET and HEAD): an operator. */
        CHANGE
    }

    private static final Pattern UI_FILE = Pattern.compile("/ui/[A-Za-z0-9_.-]+");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private RequestRules() {
    }

    /**
     * What the request needs. Everything not listed as public needs credentials, so a path no route
     * serves is answered 404 only to a caller who may see the rest.
     *
     * @param path the normalized path (no {@code ..}, no empty segments)
     */
    public static Access access(String method, String path) {
        String p = path.toLowerCase(Locale.ROOT);
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (read && (p.equals("/") || p.equals("/index.html") || p.equals("/favicon.ico") || UI_FILE.matcher(path).matches())) {
            return Access.PUBLIC;
        }
        if (read && p.equals("/api/health")) {
            return Access.HEALTH;
        }
        if ((method.equals("POST") || method.equals("DELETE")) && p.equals("/api/session")) {
            return Access.SESSION;
        }
        return read ? Access.READ : Access.CHANGE;
    }

    /**
     * Whether the path answers about every data type at once ({@code /observe/*}: metrics with a label per
     * data type, health): a token limited to some data types may not read it.
     */
    public static boolean coversAllDataTypes(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.equals("/observe") || p.startsWith("/observe/");
    }

    /**
     * Whether an {@code Origin} header names another site than the one the request was sent to
     * (scheme, host and port, the port defaulting by scheme). {@code null} (a sandboxed page) and anything
     * unparsable count as foreign.
     *
     * @param host   the request's {@code Host} header
     * @param secure whether the request came over TLS (itself or, per {@code X-Forwarded-Proto}, to a proxy)
     */
    public static boolean isForeignOrigin(String origin, String host, boolean secure) {
        HostPort own = HostPort.parse(host, secure ? 443 : 80);
        if (own == null) {
            return true;
        }
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals(secure ? "https" : "http") || uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                return true;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return !(own.host.equals(stripBrackets(uri.getHost().toLowerCase(Locale.ROOT))) && own.port == port);
        } catch (URISyntaxException e) {
            return true;
        }
    }

    /**
     * Whether a {@code Host} header may be served without tokens: {@code localhost}, a loopback address,
     * or a name listed in {@code exporter.http.allowed-hosts}; the port does not matter. Names are never
     * looked up (that is what DNS rebinding abuses).
     */
    public static boolean isAllowedHost(String hostHeader, Set<String> allowedHosts) {
        HostPort hp = HostPort.parse(hostHeader, 0);
        if (hp == null) {
            return false;
        }
        return hp.host.equals("localhost") || isLoopbackLiteral(hp.host) || allowedHosts.contains(hp.host)
                || allowedHosts.contains("[" + hp.host + "]");
    }

    static boolean isLoopbackLiteral(String host) {
        if (host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        var m = IPV4.matcher(host);
        if (!m.matches() || !m.group(1).equals("127")) {
            return false;
        }
        for (int i = 2; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** A {@code Host} header split into lower-case host (IPv6 without brackets) and port. */
    record HostPort(String host, int port) {
        static HostPort parse(String header, int defaultPort) {
            if (header == null) {
                return null;
            }
            String h = header.trim().toLowerCase(Locale.ROOT);
            if (h.isEmpty() || h.length() > 300) {
                return null;
            }
            String host;
            String port = null;
            if (h.startsWith("[")) {
                int end = h.indexOf(']');
                if (end < 0) {
                    return null;
                }
                host = h.substring(1, end);
                String rest = h.substring(end + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        return null;
                    }
                    port = rest.substring(1);
                }
            } else {
                int colon = h.indexOf(':');
                host = colon < 0 ? h : h.substring(0, colon);
                port = colon < 0 ? null : h.substring(colon + 1);
            }
            if (host.isEmpty() || !host.matches("[a-z0-9.:_-]+")) {
                return null;
            }
            if (port == null) {
                return new HostPort(host, defaultPort);
            }
            if (!port.matches("\\d{1,5}")) {
                return null;
            }
            return new HostPort(host, Integer.parseInt(port));
        }
    }
}
