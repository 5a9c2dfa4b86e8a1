package com.exportservice.source;

import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Walks one data type batch by batch and reads the next batch while the current one is being
 * validated, transformed and written (one batch of read-ahead, so memory stays at two batches).
 * Reading is keyed by the committed key: after a failure the caller asks again from its last
 * checkpoint and a read-ahead for another key is dropped, so a retried batch is read afresh.
 * Used by one thread at a time (the export's).
 */
public final class BatchCursor implements AutoCloseable {
    private final SourceReader reader;
    private final BatchQuery query;
    private final Executor readAhead;
    private Object prefetchKey;
    private CompletableFuture<Batch> prefetch;

    public BatchCursor(SourceReader reader, BatchQuery query, Executor readAhead) {
        this.reader = reader;
        this.query = query;
        this.readAhead = readAhead;
    }

    /** The batch after {@code afterKey} (null: the first batch). */
    public Batch next(Object afterKey) throws SQLException {
        Batch batch = takePrefetched(afterKey);
        if (batch == null) {
            batch = reader.read(query, afterKey);
        }
        if (!batch.complete()) {
            Object from = batch.lastKey();
            prefetchKey = from;
            prefetch = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.read(query, from);
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, readAhead);
        }
        return batch;
    }

    private Batch takePrefetched(Object afterKey) throws SQLException {
        CompletableFuture<Batch> f = prefetch;
        boolean matches = f != null && Objects.equals(prefetchKey, afterKey);
        prefetch = null;
        prefetchKey = null;
        if (f == null) {
            return null;
        }
        if (!matches) {
            f.cancel(false);
            return null;
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while reading ahead", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s) {
                throw s;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new SQLException(cause);
        }
    }

    /** Drops any read-ahead (export finished, failed or cancelled). */
    @Override
    public void close() {
        if (prefetch != null) {
            prefetch.cancel(false);
            prefetch = null;
        }
    }
}
