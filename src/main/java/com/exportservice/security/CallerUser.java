package com.exportservice.security;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Carries the {@link Caller} from the access gate to the routes: the gate sets it as the request's
 * Vert.x user, and platform-http hands that to the exchange as the header
 * {@value VertxPlatformHttpConstants#AUTHENTICATED_USER} (a client cannot send that header: platform-http
 * drops incoming headers starting with "Camel").
 */
public final class CallerUser {
    private CallerUser() {
    }

    static User toUser(Caller c) {
        JsonObject principal = new JsonObject()
                .put("name", c.name())
                .put("role", c.role() == null ? null : c.role().yamlName())
                .put("data_types", c.dataTypes() == null ? null : new JsonArray(c.dataTypes().stream().sorted().toList()))
                .put("kind", c.kind().name());
        return User.create(principal);
    }

    /** The caller of an HTTP exchange; nobody when the gate did not run (no rights at all). */
    public static Caller of(Exchange exchange) {
        Object user = exchange.getIn().getHeader(VertxPlatformHttpConstants.AUTHENTICATED_USER);
        return user instanceof User u ? of(u) : Caller.NOBODY;
    }

    /** The caller of a request handled by a Vert.x handler behind the gate ({@code RoutingContext.user()}). */
    public static Caller of(User u) {
        if (u == null || u.principal() == null) {
            return Caller.NOBODY;
        }
        JsonObject p = u.principal();
        Caller.Kind kind;
        try {
            kind = Caller.Kind.valueOf(p.getString("kind", ""));
        } catch (IllegalArgumentException e) {
            return Caller.NOBODY;
        }
        if (kind == Caller.Kind.NOBODY) {
            return Caller.NOBODY;
        }
        JsonArray types = p.getJsonArray("data_types");
        Set<String> dataTypes = null;
        if (types != null) {
            dataTypes = new LinkedHashSet<>();
            for (Object t : types) {
                dataTypes.add(String.valueOf(t));
            }
        }
        return new Caller(p.getString("name"), Role.fromName(p.getString("role")), dataTypes, kind);
    }
}
