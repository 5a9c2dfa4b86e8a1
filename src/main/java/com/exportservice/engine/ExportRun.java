package com.exportservice.engine;

import com.exportservice.config.DataType;
import com.exportservice.request.ExportConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * The context of one export while it runs, carried in the exchange property {@code exportRun}: its
 * request, directory, the data types still to do, the one in progress, and whether it stopped.
 * Confined to the thread running the export (the same object travels with every exchange copy).
 */
public final class ExportRun {
    final String exportId;
    final ExportConfig config;
    final Path directory;
    final String exportedAt;
    final List<DataType> dataTypes;
    int nextIndex;
    DataTypeRun current;
    boolean stopped;

    ExportRun(String exportId, ExportConfig config, Path directory, String exportedAt, List<DataType> dataTypes) {
        this.exportId = exportId;
        this.config = config;
        this.directory = directory;
        this.exportedAt = exportedAt;
        this.dataTypes = List.copyOf(dataTypes);
    }

    /** Whether another data type is to be exported (read by the route's loop). */
    public boolean isMoreDataTypes() {
        return !stopped && nextIndex < dataTypes.size();
    }

    /** Stops the run: no further data type or batch starts. */
    void stop() {
        stopped = true;
    }
}
