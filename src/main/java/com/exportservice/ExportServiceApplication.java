package com.exportservice;

import com.exportservice.cli.ExportCommand;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Entry point: {@code java -jar export-service.jar} serves the API, UI, inbox and schedules;
 * {@code java -jar export-service.jar export [options]} runs one export and exits (contract section 8).
 */
public final class ExportServiceApplication {
    private ExportServiceApplication() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("export")) {
            System.exit(ExportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            return;
        }
        ExportServer server = ExportServer.start(Path.of("").toAbsolutePath(), Map.of(), ExportServer.Mode.SERVE);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "export-service-shutdown"));
        server.awaitStop();
    }
}
