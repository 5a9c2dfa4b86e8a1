package com.exportservice.cluster;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * One node as {@code GET /api/cluster} shows it.
 *
 * @param lastHeartbeat  its last heartbeat in the store (ISO-8601 UTC)
 * @param runningExports the ids of the exports it runs
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class) // as the service writes it; the OpenAPI schema reads it here
public record NodeStatus(String nodeId, String lastHeartbeat, List<String> runningExports) {
}
