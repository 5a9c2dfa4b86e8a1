package com.exportservice.engine;

import com.exportservice.output.DataFile;
import com.exportservice.output.JsonFiles;
import com.exportservice.output.Manifest;
import com.exportservice.output.ManifestWriter;
import com.exportservice.output.PartFiles;
import com.exportservice.request.ExportConfigJson;
import com.exportservice.status.BatchCheckpoint;
import com.exportservice.status.DataTypeCheckpoint;
import com.exportservice.validation.ValidationReport;
import com.exportservice.validation.ValidationStats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/**
 * Completes an export whose data types are all written: gives the data files their final names,
 * writes {@code validation-report.json} (from the validation totals persisted with the checkpoints, the
 * same the API serves) and {@code manifest.json}; with compression the route packs them into
 * {@code <export_id>.zip} ({@link ExportZipAggregation}) and {@link #packed} leaves only the zip and the
 * manifest in the directory.
 */
public final class ExportFinalizer {
    public static final String MANIFEST = "manifest.json";
    public static final String VALIDATION_REPORT = "validation-report.json";

    private final Clock clock;
    private final ObjectMapper mapper;

    public ExportFinalizer(Clock clock, ObjectMapper mapper) {
        this.clock = clock;
        this.mapper = mapper;
    }

    /**
     * Gives the data files their final names and writes {@code validation-report.json} and
     * {@code manifest.json}. Returns the files the export's zip is to hold (data files, report, manifest),
     * none without compression.
     */
    List<File> complete(ExportRun run, Instant createdTime, List<DataTypeCheckpoint> checkpoints) throws IOException {
        Path dir = run.directory;
        List<File> packed = new ArrayList<>();
        List<Manifest.FileEntry> entries = new ArrayList<>();
        for (DataTypeCheckpoint cp : checkpoints) {
            DataFile file = new DataFile(dir, cp.fileName(), run.fileTag);
            // a finalization interrupted by a restart may have renamed this file already
            packed.add((Files.exists(file.tempPath()) || !Files.exists(file.finalPath()) ? file.complete() : file.finalPath()).toFile());
            // a partitioned data type's parts, if the owner crashed between assembling and deleting them
            PartFiles.deleteLeftovers(dir, cp.fileName());
            BatchCheckpoint last = cp.checkpoint();
            entries.add(new Manifest.FileEntry(cp.fileName(), cp.dataType(), last.written(), last.fileBytes(), cp.sha256(),
                    highWaterMark(cp.highWaterMark()), last.invalid()));
        }
        // every data type of a completed export has run at least one (possibly empty) batch
        Path reportFile = dir.resolve(VALIDATION_REPORT);
        JsonFiles.writeAtomically(reportFile, validationReport(run.exportId, checkpoints));
        Manifest manifest = Manifest.of(run.exportId, "completed", createdTime, clock.instant(),
                ExportConfigJson.toJson(run.config), entries);
        if (!run.config.compression()) {
            ManifestWriter.write(dir, manifest);
            return List.of();
        }
        // a "completed" manifest appears in the directory only once the zip is complete (packed): packing
        // can still fail (a full disk), and the export then ends failed
        packed.add(reportFile.toFile());
        packed.add(ManifestWriter.write(staging(dir), manifest).toFile());
        return packed;
    }

    /**
     * The export's zip, packed under its temporary name ({@link ExportZipAggregation}), is forced to disk
     * and gets its final name; the data files and the report it holds leave the directory (the manifest
     * stays beside it).
     */
    void packed(ExportRun run, List<DataTypeCheckpoint> checkpoints) throws IOException {
        archive(run).complete();
        Path staging = staging(run.directory);
        ManifestWriter.move(staging, run.directory);
        Files.deleteIfExists(staging);
        for (DataTypeCheckpoint cp : checkpoints) {
            Files.deleteIfExists(run.directory.resolve(cp.fileName()));
        }
        Files.deleteIfExists(run.directory.resolve(VALIDATION_REPORT));
    }

    /** Where a compressed export's manifest waits for its zip (hidden; the zip entry keeps the name manifest.json). */
    private static Path staging(Path dir) {
        return dir.resolve(".packing");
    }

    /** The export's zip: {@code <export_id>.zip}, written as {@code <export_id>.zip.part} until complete. */
    static DataFile archive(ExportRun run) {
        return new DataFile(run.directory, run.exportId + ".zip", run.fileTag);
    }

    /**
     * The validation report from the totals persisted with the checkpoints: the report so far while the
     * export runs, the final one once it completed. Null before any batch was validated.
     */
    public static JsonNode validationReport(String exportId, List<DataTypeCheckpoint> checkpoints) {
        Map<String, ValidationStats> perType = new LinkedHashMap<>();
        for (DataTypeCheckpoint cp : checkpoints) {
            ValidationStats totals = cp.checkpoint().validation();
            if (totals != null) {
                perType.put(cp.dataType(), totals);
            }
        }
        return perType.isEmpty() ? null : ValidationReport.build(exportId, perType);
    }

    /** High-water marks are stored as text; integer keys go back into the manifest as numbers. */
    private static Object highWaterMark(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
