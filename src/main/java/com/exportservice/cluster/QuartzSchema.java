package com.exportservice.cluster;

import com.exportservice.status.StoreSchema;
import org.quartz.impl.jdbcjobstore.JobStoreSupport;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The standard Quartz tables ({@code qrtz_*}) of Quartz's clustered JDBC job store, created in the PostgreSQL
 * store when missing. The statements are Quartz's own {@code tables_postgres.sql} from the Quartz jar in use
 * (so they always match its version), made idempotent: its {@code DROP TABLE}s left out, {@code CREATE TABLE}
 * and {@code CREATE INDEX} with {@code IF NOT EXISTS}. Nodes starting together run them one after the other
 * ({@link StoreSchema}'s transaction-scoped advisory lock): concurrent {@code CREATE TABLE IF NOT EXISTS} of one table can
 * otherwise fail in PostgreSQL on its catalog's unique index.
 */
public final class QuartzSchema {
    /** Quartz's PostgreSQL script, in the Quartz jar. */
    static final String SCRIPT = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";
    private QuartzSchema() {
    }

    /** Creates the Quartz tables and indexes that do not exist yet; leaves existing ones and their rows alone. */
    public static void create(DataSource store) throws SQLException {
        createIdempotently(store, statements());
    }

    /**
     * Runs DDL statements in one transaction under the store's DDL lock ({@link StoreSchema}), one after the
     * other.
     */
    public static void createIdempotently(DataSource store, List<String> statements) throws SQLException {
        StoreSchema.create(store, (c, s) -> {
            for (String sql : statements) {
                s.execute(sql);
            }
        });
    }

    /** Quartz's script as idempotent statements, in its order (tables before the indexes on them). */
    static List<String> statements() {
        String script;
        try (InputStream in = JobStoreSupport.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("the Quartz jar has no " + SCRIPT);
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SCRIPT + " from the Quartz jar: " + e.getMessage(), e);
        }
        return idempotent(script);
    }

    static List<String> idempotent(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String raw : withoutComments.toString().split(";")) {
            String sql = raw.strip().replaceAll("\\s+", " ");
            String upper = sql.toUpperCase(Locale.ROOT);
            if (sql.isEmpty() || upper.startsWith("DROP ") || upper.equals("COMMIT")) {
                continue;
            }
            if (upper.startsWith("CREATE TABLE ") && !upper.startsWith("CREATE TABLE IF NOT EXISTS ")) {
                sql = "CREATE TABLE IF NOT EXISTS " + sql.substring("CREATE TABLE ".length());
            } else if (upper.startsWith("CREATE INDEX ") && !upper.startsWith("CREATE INDEX IF NOT EXISTS ")) {
                sql = "CREATE INDEX IF NOT EXISTS " + sql.substring("CREATE INDEX ".length());
            } else if (!upper.startsWith("CREATE ")) {
                throw new IllegalStateException("unexpected statement in Quartz's " + SCRIPT + ": " + sql);
            }
            out.add(sql);
        }
        return out;
    }
}
