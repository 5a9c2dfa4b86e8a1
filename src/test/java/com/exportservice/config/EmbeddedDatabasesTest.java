package com.exportservice.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabasesTest {
    @TempDir
    Path dir;

    @Test
    void should_default_to_h2_file_databases_under_data_with_absolute_paths() {
        Settings s = Settings.load(dir, Map.of(), new Properties(), Map.of());

        JdbcTarget source = EmbeddedDatabases.source(s, dir);
        JdbcTarget store = EmbeddedDatabases.store(s, dir);

        // embedded only: AUTO_SERVER would open a TCP server on every interface
        assertThat(source.url()).isEqualTo("jdbc:h2:file:" + dir.toAbsolutePath().resolve("data/source"));
        assertThat(store.url()).isEqualTo("jdbc:h2:file:" + dir.toAbsolutePath().resolve("data/state"));
        assertThat(source.username()).isEqualTo("sa");
        assertThat(source.password()).isEmpty();
        assertThat(source.embedded()).isTrue();
        assertThat(EmbeddedDatabases.demoEnabled(s, source)).isTrue();
    }

    @Test
    void should_resolve_a_relative_working_directory_to_an_absolute_url() {
        assertThat(EmbeddedDatabases.sourceUrl(Path.of("."))).startsWith("jdbc:h2:file:/").doesNotContain("/./");
    }

    @Test
    void should_use_a_configured_url_with_its_credentials_and_no_demo_by_default() {
        Settings s = Settings.load(dir, Map.of(
                "EXPORTER_SOURCE_URL", "jdbc:postgresql://db:5432/app",
                "EXPORTER_SOURCE_USERNAME", "reader",
                "EXPORTER_SOURCE_PASSWORD", "secret"), new Properties(), Map.of());

        JdbcTarget source = EmbeddedDatabases.source(s, dir);

        assertThat(source).isEqualTo(new JdbcTarget("jdbc:postgresql://db:5432/app", "reader", "secret", false));
        assertThat(source.toString()).doesNotContain("secret");
        assertThat(EmbeddedDatabases.demoEnabled(s, source)).isFalse();
        assertThat(EmbeddedDatabases.store(s, dir).embedded()).isTrue();
    }

    @Test
    void should_leave_credentials_of_a_configured_url_to_the_driver_when_unset() {
        Settings s = Settings.load(dir, Map.of("EXPORTER_STORE_URL", "jdbc:postgresql://db/state"), new Properties(), Map.of());

        assertThat(EmbeddedDatabases.store(s, dir)).isEqualTo(new JdbcTarget("jdbc:postgresql://db/state", null, null, false));
    }

    @Test
    void should_let_the_demo_be_switched_explicitly() {
        Settings off = Settings.load(dir, Map.of("EXPORTER_DEMO_ENABLED", "false"), new Properties(), Map.of());

        assertThat(EmbeddedDatabases.demoEnabled(off, EmbeddedDatabases.source(off, dir))).isFalse();
    }

    @Test
    void should_refuse_a_second_process_while_this_one_holds_the_database_and_serve_no_port() throws Exception {
        String url = EmbeddedDatabases.sourceUrl(dir);
        try (Connection held = DriverManager.getConnection(url, EmbeddedDatabases.DEFAULT_USER, EmbeddedDatabases.DEFAULT_PASSWORD);
             Statement st = held.createStatement()) {
            st.execute("CREATE TABLE t (id INT PRIMARY KEY)");

            String output = runH2Shell(url, "SELECT COUNT(*) FROM t");

            assertThat(output).contains("90020");
            // with AUTO_SERVER the lock file held the address and key of a TCP server: there is none
            try (var files = java.nio.file.Files.list(dir.resolve("data"))) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".lock.db"));
            }
        }
    }

    @Test
    void should_tell_why_the_database_cannot_be_shared_and_what_to_do() {
        java.sql.SQLException inUse = new java.sql.SQLException("Database may be already in use", "90020", 90020);

        assertThat(EmbeddedDatabases.isInUse(new RuntimeException("pool", inUse))).isTrue();
        assertThat(EmbeddedDatabases.isInUse(new RuntimeException(new java.sql.SQLException("other", "08001", 1)))).isFalse();
        assertThat(EmbeddedDatabases.inUseMessage(EmbeddedDatabases.storeUrl(dir)))
                .contains(dir.toAbsolutePath().resolve("data/state").toString(), "in use by another process", "stop the service",
                        "POST /api/exports");
    }

    /** Runs H2's command-line shell in a separate JVM, as a second process (another user, the one-shot command) would. */
    private static String runH2Shell(String url, String sql) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "org.h2.tools.Shell", "-url", url, "-user", "sa", "-password", "", "-sql", sql))
                .redirectErrorStream(true)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the second process did not finish");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
