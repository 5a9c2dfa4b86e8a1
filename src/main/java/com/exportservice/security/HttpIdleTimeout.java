package com.exportservice.security;

import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes connections that stay silent: without this, a client can open hundreds of connections, send
 * half a request line or nothing at all, and hold them forever. Vert.x does it with the idle timeout of
 * {@link HttpServerOptions}, read for every new connection; but Camel 4.17's platform-http creates those
 * options itself and offers no setting or hook for them (only TLS), so the timeout is set on the
 * server's own options object after it started. If a Vert.x upgrade moves that field, start-up fails
 * here with a message rather than the service running without the timeout ({@code HttpLimitsIT} checks
 * the effect).
 */
public final class HttpIdleTimeout {
    private HttpIdleTimeout() {
    }

    public static void apply(HttpServer server, Duration idle) {
        HttpServerOptions options = options(server);
        options.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        options.setIdleTimeout((int) Math.min(Integer.MAX_VALUE, idle.toMillis()));
    }

    /** The options the running server reads for each new connection. */
    static HttpServerOptions options(HttpServer server) {
        for (Class<?> c = server.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField("options");
                if (HttpServerOptions.class.isAssignableFrom(f.getType())) {
                    f.setAccessible(true);
                    return (HttpServerOptions) f.get(server);
                }
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException | RuntimeException e) {
                throw new IllegalStateException("cannot set the HTTP idle timeout on " + server.getClass().getName(), e);
            }
        }
        throw new IllegalStateException("cannot set the HTTP idle timeout: " + server.getClass().getName() + " has no options field");
    }
}
