package com.exportservice.config;

/**
 * Where and how to connect to one database (the source or the service's store).
 *
 * @param url      JDBC URL
 * @param username user, or null to let the driver/URL decide
 * @param password password, or null
 * @param embedded whether this is the embedded H2 default (no URL configured)
 */
public record JdbcTarget(String url, String username, String password, boolean embedded) {

    @Override
    public String toString() {
        // Never print the password (this ends up in logs).
        return "JdbcTarget[url=" + url + ", username=" + username + ", embedded=" + embedded + "]";
    }
}
