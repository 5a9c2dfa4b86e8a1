package com.exportservice;

import com.exportservice.cli.ExportCommand;
import com.exportservice.config.ConfigException;
import com.exportservice.security.TokenCommand;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Entry point: {@code java -jar export-service.jar} serves the API, UI, inbox and schedules;
 * {@code java -jar export-service.jar export [options]} runs one export and exits (contract section 8);
 * {@code java -jar export-service.jar token create …} manages API tokens (contract section 11).
 */
public final class ExportServiceApplication {
    private ExportServiceApplication() {
    }

    public static void main(String[] args) throws Exception {
        // out of memory a thread may die half-way and leave the process hanging: stop it instead, so a
        // supervisor restarts it and the interrupted exports resume from their checkpoints
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof OutOfMemoryError) {
                System.err.println("out of memory in thread " + thread.getName() + "; stopping");
                Runtime.getRuntime().halt(3);
            }
            e.printStackTrace();
        });
        if (args.length > 0 && args[0].equals("export")) {
            System.exit(ExportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err, ExportServer::startOneShot));
            return;
        }
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            return;
        }
        ExportServer server;
        try {
            server = ExportServer.start(Path.of("").toAbsolutePath(), Map.of(), ExportServer.Mode.SERVE);
        } catch (Exception e) {
            ConfigException config = ConfigException.in(e);
            if (config == null) {
                throw e;
            }
            // a setting, a definition file or the start-up check: the message says what to do, no stack trace
            System.err.println("export-service cannot start: " + config.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "export-service-shutdown"));
        server.awaitStop();
    }
}
