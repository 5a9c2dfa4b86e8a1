package com.exportservice.engine;

import com.exportservice.config.DataType;
import com.exportservice.request.ExportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The context of one export while it runs, carried in the exchange property {@code exportRun}: its
 * request, directory, the data type in progress, and whether it stopped. Confined to the thread
 * running the export (the same object travels with every exchange copy).
 */
public final class ExportRun {
    private static final Logger LOG = LoggerFactory.getLogger(ExportRun.class);

    final String exportId;
    final ExportConfig config;
    final Path directory;
    final String exportedAt;
    final List<DataType> dataTypes;
    /** Rows per batch: the request's, or less to fit the memory budget ({@link com.exportservice.config.MemoryBudget}). */
    final int batchSize;
    DataTypeRun current;
    /** Cluster mode: the data type in progress is partitioned; this run waits for its partitions, then assembles its file. */
    DataType partitioned;
    /** Cluster mode: this run is one partition of a data type, run by a node's partition worker; null for an export's own run. */
    com.exportservice.status.Partition partition;
    boolean stopped;
    /** Tag of the temporary file names: empty on a single node, the ownership epoch in a cluster ({@link com.exportservice.output.EpochFiles}). */
    String fileTag = "";
    /** Throws when this node may no longer write for the export (taken over); checked before any byte is written. */
    Runnable ownership = () -> { };

    ExportRun(String exportId, ExportConfig config, Path directory, String exportedAt, List<DataType> dataTypes, int batchSize) {
        this.exportId = exportId;
        this.batchSize = batchSize;
        this.config = config;
        this.directory = directory;
        this.exportedAt = exportedAt;
        this.dataTypes = List.copyOf(dataTypes);
    }

    /** The name of a data type's file in the export directory: {@code logs.jsonl}, {@code events.csv}. */
    String fileName(String dataType) {
        return dataType + "." + config.outputFormat().extension();
    }

    /** The data types in request order, lazily: none after the run stopped (cancel, shutdown, failure). */
    Iterator<DataType> dataTypesToDo() {
        Iterator<DataType> all = dataTypes.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !stopped && all.hasNext();
            }

            @Override
            public DataType next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the export has no more data types to do");
                }
                return all.next();
            }
        };
    }

    /** Stops the run: no further data type or batch starts. */
    void stop() {
        stopped = true;
    }

    /**
     * Closes the current data type's file as it is, its committed checkpoint saved (the next attempt cuts the
     * file back to the stored one), and forgets it; a failure to close is only logged, as the run has ended anyway.
     */
    void closeCurrent() {
        closeCurrent(true);
    }

    /** As {@link #closeCurrent()}; {@code save} false when this node lost the export: nothing more reaches the store. */
    void closeCurrent(boolean save) {
        DataTypeRun dt = current;
        current = null;
        if (dt != null) {
            try {
                dt.close(save);
            } catch (IOException e) {
                LOG.debug("closing the file of export {} after its run ended", exportId, e);
            }
        }
    }
}
