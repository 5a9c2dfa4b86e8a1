package com.exportservice.status;

/**
 * That an export changed, as the store has it (cluster mode: what other nodes' event streams pass on).
 *
 * @param node      its owner, or null when none (waiting, or a single node)
 * @param status    its status name
 * @param updatedMs when it last changed (epoch milliseconds, its saver's clock)
 */
public record ExportChange(String exportId, String node, String status, long updatedMs) {
}
