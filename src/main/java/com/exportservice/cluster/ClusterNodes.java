package com.exportservice.cluster;

import java.util.List;

/** The body of {@code GET /api/cluster} (contract section 9): the live nodes. */
public record ClusterNodes(List<NodeStatus> nodes) {
}
