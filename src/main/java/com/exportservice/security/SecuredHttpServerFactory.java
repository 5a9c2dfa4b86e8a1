package com.exportservice.security;

import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.MainHttpServerFactory;

/**
 * Camel Main's embedded HTTP server with the {@link AccessGate} in front of every path. Camel Main takes
 * the {@link MainHttpServerFactory} from the registry when one is bound there; this one builds the usual
 * server and adds the gate through platform-http's own authentication hook ({@code AuthenticationConfig}),
 * which registers it on the router for {@code /*} before the server listens and before any route is added:
 * no request, whatever its path (UI files, API, files, unknown paths), reaches a route around it.
 * (camel.server.authenticationEnabled offers only Basic and JWT against files of its own, not hashed
 * tokens with roles and data-type scopes.)
 */
public final class SecuredHttpServerFactory implements MainHttpServerFactory {
    private final DefaultMainHttpServerFactory delegate = new DefaultMainHttpServerFactory();
    private final AuthenticationHandler gate;

    public SecuredHttpServerFactory(AuthenticationHandler gate) {
        this.gate = gate;
    }

    @Override
    public Service newHttpServer(CamelContext camelContext, HttpServerConfigurationProperties configuration) {
        delegate.setCamelContext(camelContext);
        Service service = delegate.newHttpServer(camelContext, configuration);
        if (!(service instanceof MainHttpServer server)) {
            throw new IllegalStateException("unexpected HTTP server " + service.getClass().getName() + ": cannot install the access gate");
        }
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath("/*");
        // the gate checks tokens itself; it needs no Vert.x authentication provider
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T provider) {
                return gate;
            }
        });
        AuthenticationConfig auth = server.getConfiguration().getAuthenticationConfig();
        auth.getEntries().add(entry);
        auth.setEnabled(true);
        return server;
    }

    @Override
    public Service newHttpManagementServer(CamelContext camelContext, HttpManagementServerConfigurationProperties configuration) {
        delegate.setCamelContext(camelContext);
        return delegate.newHttpManagementServer(camelContext, configuration);
    }
}
