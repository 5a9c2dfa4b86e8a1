package com.exportservice.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The MariaDB of the machine (127.0.0.1:3306, root, empty password) for the tests that need one. A test
 * asks for {@link #baseUrl()}: when MariaDB is not there the test is skipped, or fails under
 * {@link RequiredService#REQUIRE_ALL}. Probed once per test JVM; the database {@code test} is created
 * when missing.
 */
public final class TestMariaDb {
    public static final String USER = "root";
    public static final String PASSWORD = "";
    private static final String BASE_URL = "jdbc:mariadb://127.0.0.1:3306/";

    private TestMariaDb() {
    }

    /** {@code jdbc:mariadb://127.0.0.1:3306/}: append a database name. */
    public static String baseUrl() {
        RequiredService.require("MariaDB on 127.0.0.1:3306 (user root, no password)", Probe.PROBLEM,
                "install and start mariadb-server, as .ci/run does");
        return BASE_URL;
    }

    /** The probe runs on first use: a class that is never asked for MariaDB never connects. */
    private static final class Probe {
        static final String PROBLEM = probe();

        private static String probe() {
            try (Connection c = DriverManager.getConnection(BASE_URL + "?connectTimeout=2000", USER, PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE IF NOT EXISTS test");
                return null;
            } catch (SQLException e) {
                return e.getMessage();
            }
        }
    }
}
