package com.exportservice.security;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Tokens made the way an operator makes them: with the {@code token create} command. */
final class Tokens {
    private Tokens() {
    }

    static String create(Path workingDir, String name, String role, String dataTypes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = dataTypes == null ? new String[]{"create", "--name", name, "--role", role}
                : new String[]{"create", "--name", name, "--role", role, "--data-types", dataTypes};
        int code = TokenCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                workingDir, Map.of());
        if (code != 0) {
            throw new AssertionError("token create failed: " + err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
