package com.exportservice.engine;

import org.apache.camel.Exchange;
import org.apache.camel.processor.aggregate.zipfile.ZipAggregationStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * camel-zipfile's aggregation packing a completed export's files into {@code <export_id>.zip} (bean
 * {@code exportZip}): entries named by file name, empty files too, large entries staged in temporary
 * files rather than memory. The archive grows under the export's own {@code <export_id>.zip.part}
 * instead of a random temporary file, so a finish interrupted by a crash starts it over and leaves
 * nothing outside the export directory; {@link ExportFinalizer#packed} gives it its final name.
 */
public final class ExportZipAggregation extends ZipAggregationStrategy {

    public ExportZipAggregation() {
        super(false, false, true, true);
    }

    @Override
    public Exchange aggregate(Exchange packed, Exchange next) {
        if (packed == null) {
            ExportRun run = next.getProperty(ExportProperties.EXPORT_RUN, ExportRun.class);
            packed = next.copy();
            packed.getIn().setBody(emptyArchive(ExportFinalizer.archive(run).tempPath()).toFile());
        }
        return super.aggregate(packed, next);
    }

    /** A new empty zip at {@code part}, replacing what an interrupted attempt left there. */
    private static Path emptyArchive(Path part) {
        try {
            Files.deleteIfExists(part);
            try (FileSystem ignored = FileSystems.newFileSystem(part, Map.of("create", "true"))) {
                return part;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + part, e);
        }
    }
}
