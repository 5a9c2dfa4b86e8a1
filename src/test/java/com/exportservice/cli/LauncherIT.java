package com.exportservice.cli;

import com.exportservice.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/export-service} as an operator runs it (after {@code mvn package}): from another working
 * directory, through a link, with the options of {@code config/jvm.options} and then {@code JAVA_OPTS},
 * passing its own arguments to the jar.
 */
class LauncherIT {
    static final Path LAUNCHER = Path.of("bin/export-service").toAbsolutePath();

    @TempDir
    Path elsewhere;

    record Result(int code, String out, String err) {
    }

    Result run(Path launcher, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(elsewhere, "stdout", ".txt");
        Path err = Files.createTempFile(elsewhere, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(elsewhere.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void should_run_an_export_from_another_working_directory_through_a_link() throws Exception {
        Path link = Files.createSymbolicLink(elsewhere.resolve("export-service"), LAUNCHER);

        Result r = run(link, Map.of("JAVA_OPTS", "-Dexporter.demo.rows=300"),
                "export", "--data-types", "logs", "--format", "csv", "--out", "out");

        assertThat(r.code()).as(r.err()).isZero();
        Path exportDir = Path.of(r.out().strip());
        assertThat(exportDir).startsWith(elsewhere.resolve("out"));
        JsonNode manifest = Json.newMapper().readTree(exportDir.resolve("manifest.json").toFile());
        assertThat(manifest.path("files").get(0).path("name").asText()).isEqualTo("logs.csv");
        assertThat(manifest.path("files").get(0).path("records").asLong()).isEqualTo(300);
    }

    @Test
    void should_start_the_jvm_with_the_shipped_options() throws Exception {
        // the JVM prints the -XX flags it runs with (sizes in bytes) before the command's help
        Result r = run(LAUNCHER, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "export", "--help");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("-XX:+ExitOnOutOfMemoryError", "-XX:MaxHeapSize=", "Usage: java -jar export-service.jar export");
        for (String option : shippedOptions()) {
            if (option.startsWith("-XX:+") || option.startsWith("-XX:-")) {
                assertThat(r.out()).as("config/jvm.options has %s", option).contains(option);
            }
        }
    }

    @Test
    void should_take_one_option_a_line_and_let_JAVA_OPTS_win() throws Exception {
        Path options = elsewhere.resolve("jvm.options");
        Files.writeString(options, """
                # a comment line, then a blank one

                   -Dlauncher.it.spaced=two words
                -Dlauncher.it.order=file
                -XX:+ExitOnOutOfMemoryError
                """);

        Result r = run(LAUNCHER, Map.of("EXPORT_SERVICE_JVM_OPTIONS", options.toString(),
                "JAVA_OPTS", "-Dlauncher.it.order=java_opts -XshowSettings:properties"), "export", "--help");

        assertThat(r.code()).as(r.err()).isZero();
        // -XshowSettings:properties lists the system properties on stderr, then the JVM goes on
        assertThat(r.err()).contains("launcher.it.spaced = two words", "launcher.it.order = java_opts")
                .doesNotContain("launcher.it.order = file");
        assertThat(r.out()).contains("Usage: java -jar export-service.jar export");
    }

    @Test
    void should_make_the_class_data_archive_once_per_build_and_start_without_one_it_cannot_make() throws Exception {
        Path jar = elsewhere.resolve("export-service.jar");
        Files.copy(Path.of("target/export-service.jar"), jar);
        Path archive = elsewhere.resolve("export-service.jsa");
        Map<String, String> env = Map.of("EXPORT_SERVICE_JAR", jar.toString());

        Result first = run(LAUNCHER, env, "export", "--help");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).contains("creating the class-data archive " + archive);
        assertThat(archive).isNotEmptyFile();
        // the archive's own log lines stay off stdout, which the commands use
        assertThat(first.out()).startsWith("Usage: java -jar export-service.jar export");

        // the next start maps it (JAVA_OPTS wins over the launcher's -Xlog:cds=off and shows it)
        Result second = run(LAUNCHER, Map.of("EXPORT_SERVICE_JAR", jar.toString(), "JAVA_OPTS", "-Xlog:cds=info"),
                "export", "--help");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.err()).doesNotContain("creating the class-data archive");
        assertThat(second.out()).contains("Opened archive " + archive);

        // a new build of the jar: made again (a new archive file, whenever the training run ends)
        long before = Files.getLastModifiedTime(archive).toMillis();
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(before + 10_000));
        Result rebuilt = run(LAUNCHER, env, "export", "--help");
        assertThat(rebuilt.code()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.err()).contains("creating the class-data archive " + archive);
        assertThat(Files.getLastModifiedTime(archive).toMillis()).isGreaterThan(before);

        // where none can be made, or none is wanted: the command runs all the same
        Result nowhere = run(LAUNCHER, Map.of("EXPORT_SERVICE_JAR", jar.toString(),
                "EXPORT_SERVICE_CDS", elsewhere.resolve("missing/dir/x.jsa").toString()), "export", "--help");
        assertThat(nowhere.code()).as(nowhere.err()).isZero();
        assertThat(nowhere.out()).startsWith("Usage: java -jar export-service.jar export");
        Result off = run(LAUNCHER, Map.of("EXPORT_SERVICE_JAR", jar.toString(), "EXPORT_SERVICE_CDS", "off",
                "JAVA_OPTS", "-Xlog:cds=info"), "export", "--help");
        assertThat(off.code()).as(off.err()).isZero();
        assertThat(off.out()).doesNotContain("Opened archive " + archive);
    }

    private static List<String> shippedOptions() throws IOException {
        return Files.readAllLines(Path.of("config/jvm.options")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
