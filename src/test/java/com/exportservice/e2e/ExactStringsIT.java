package com.exportservice.e2e;

import com.exportservice.testsupport.TestMariaDb;
import com.exportservice.testsupport.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract 5.1: {@code string} values are exported exactly as stored (tabs, newlines, carriage returns,
 * leading and trailing spaces), in JSON, JSON Lines and CSV, on each supported source database; only
 * {@code text} values are cleaned, and in CSV a string cell that begins with a tab or CR gets the
 * formula guard's {@code '}.
 */
class ExactStringsIT {
    /** Row i holds VALUES[i] in its string column and in its text column. */
    static final String[] VALUES = {
            "multi\nline\r\nstring", "\tTABSTART", "\rCRSTART", "host.example.com ", "  two leading",
            "a  b\t\tc", " ", "=SUM(A1)", "-42", "plain", "trailing newline\n", "ünïcödé 日本語 😀 \"quoted\", comma",
    };

    private static final String DATA_TYPES = """
            data-types:
              samples:
                table: samples
                id-column: id
                fields:
                  id:    { type: integer }
                  label: { type: string }
                  note:  { type: text }
            """;

    @TempDir
    Path workingDir;

    @Test
    void should_export_strings_exactly_from_h2() throws Exception {
        String url = "jdbc:h2:file:" + workingDir.resolve("samples-db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        seed(url, "sa", "", "VARCHAR(200)", "CLOB");
        exportAndCheck(Map.of("exporter.source.url", url, "exporter.source.username", "sa", "exporter.source.password", ""));
    }

    @Test
    @Tag(TestPostgres.TAG)
    void should_export_strings_exactly_from_postgresql() throws Exception {
        String pg = TestPostgres.baseUrl();
        String db = "exp_str_" + suffix();
        admin(pg + "postgres", TestPostgres.USER, "CREATE DATABASE " + db);
        try {
            seed(pg + db, TestPostgres.USER, TestPostgres.PASSWORD, "VARCHAR(200)", "TEXT");
            exportAndCheck(Map.of("exporter.source.url", pg + db, "exporter.source.username", TestPostgres.USER));
        } finally {
            admin(pg + "postgres", TestPostgres.USER, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    @Test
    void should_export_strings_exactly_from_mariadb() throws Exception {
        String mariadb = TestMariaDb.baseUrl();
        String db = "exp_str_" + suffix();
        admin(mariadb, TestMariaDb.USER, "CREATE DATABASE " + db + " CHARACTER SET utf8mb4");
        try {
            seed(mariadb + db, TestMariaDb.USER, TestMariaDb.PASSWORD, "VARCHAR(200)", "TEXT");
            exportAndCheck(Map.of("exporter.source.url", mariadb + db, "exporter.source.username", TestMariaDb.USER));
        } finally {
            admin(mariadb, TestMariaDb.USER, "DROP DATABASE IF EXISTS " + db);
        }
    }

    private void exportAndCheck(Map<String, String> source) throws Exception {
        Path dataTypes = workingDir.resolve("samples.yaml");
        Files.writeString(dataTypes, DATA_TYPES);
        Map<String, String> settings = new java.util.HashMap<>(source);
        settings.put("exporter.data-types.file", dataTypes.toString());
        settings.put("exporter.demo.enabled", "false");
        try (RunningService service = RunningService.start(workingDir, settings)) {
            for (String format : List.of("json", "jsonl", "csv")) {
                String id = service.startExport("{\"data_types\":[\"samples\"],\"output_format\":\"" + format + "\",\"batch_size\":5}");
                JsonNode status = service.awaitFinished(id);
                assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("completed");
                Path file = service.exportDir(id).resolve("samples." + format);
                List<String[]> rows = format.equals("csv") ? csvRows(file) : jsonRows(service, file, format);
                assertThat(rows).as(format).hasSize(VALUES.length);
                for (int i = 0; i < VALUES.length; i++) {
                    String expected = VALUES[i];
                    if (format.equals("csv") && (expected.startsWith("\t") || expected.startsWith("\r")
                            || expected.startsWith("=") || expected.startsWith("-"))) {
                        expected = "'" + expected; // the formula guard, CSV only
                    }
                    assertThat(rows.get(i)[0]).as("%s row %d id", format, i).isEqualTo(String.valueOf(i + 1));
                    assertThat(rows.get(i)[1]).as("%s row %d string", format, i).isEqualTo(expected);
                    assertThat(rows.get(i)[2]).as("%s row %d text is cleaned", format, i)
                            .doesNotContain("\t", "\n", "\r", "  ").doesNotStartWith(" ");
                }
            }
        }
    }

    private static List<String[]> jsonRows(RunningService service, Path file, String format) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        if (format.equals("json")) {
            service.mapper.readTree(file.toFile()).forEach(records::add);
        } else {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                records.add(service.mapper.readTree(line));
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (JsonNode r : records) {
            rows.add(new String[] {r.path("id").asText(), r.path("label").textValue(), r.path("note").textValue()});
        }
        return rows;
    }

    private static List<String[]> csvRows(Path file) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            for (CSVRecord r : parser) {
                rows.add(new String[] {r.get("id"), r.get("label"), r.get("note")});
            }
        }
        return rows;
    }

    private static void seed(String url, String user, String password, String stringType, String textType) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE samples (id INTEGER PRIMARY KEY, label " + stringType + ", note " + textType + ")");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO samples (id, label, note) VALUES (?, ?, ?)")) {
                for (int i = 0; i < VALUES.length; i++) {
                    ps.setInt(1, i + 1);
                    ps.setString(2, VALUES[i]);
                    ps.setString(3, VALUES[i]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    private static void admin(String url, String user, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
