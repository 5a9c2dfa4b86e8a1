package com.exportservice.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What happens to a test whose outside service (MariaDB, Chromium) is missing: on a laptop it is
 * skipped with the reason; with {@code -Dexporter.test.require-all=true} (set by {@code .ci/run}) it
 * fails, so CI never skips a test silently.
 */
public final class RequiredService {
    /** The system property that turns a missing service into a failure. */
    public static final String REQUIRE_ALL = "exporter.test.require-all";

    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private RequiredService() {
    }

    /**
     * Returns when {@code problem} is null (the service is there); otherwise skips or fails the calling
     * test, naming the service, the problem and how to provide it.
     */
    public static void require(String service, String problem, String howToProvide) {
        if (problem == null) {
            return;
        }
        String message = service + " is not available (" + problem + "); " + howToProvide;
        if (Boolean.getBoolean(REQUIRE_ALL)) {
            throw new AssertionError(message + ". " + REQUIRE_ALL + "=true makes a missing service a failure.");
        }
        if (REPORTED.add(service)) {
            // once per test JVM on the console, so the skip is seen without opening the reports
            System.err.println("[tests] " + message + ": the tests that need it are SKIPPED (-D" + REQUIRE_ALL
                    + "=true makes this a failure)");
        }
        Assumptions.abort(message);
    }
}
