package com.exportservice.config;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The {@code exporter.cluster.*} settings (contract sections 2 and 12): whether this node shares its
 * PostgreSQL store with others, its name among them, and the lease after which a silent node's running
 * exports are taken over.
 *
 * @param enabled {@code exporter.cluster.enabled}
 * @param nodeId  {@code exporter.cluster.node-id}, or host name and process id
 * @param lease   {@code exporter.cluster.lease}
 * @param partitionRows {@code exporter.cluster.partition-rows}: a data type planned with more rows than this is
 *                      split into key-range partitions that several nodes export at once (0: never split)
 * @param partitions    {@code exporter.cluster.partitions}: how many partitions such a data type is split into
 *                      (0: as many as there are live nodes when the export is planned)
 */
public record ClusterSettings(boolean enabled, String nodeId, Duration lease, long partitionRows, int partitions) {
    public static final String ENABLED = "exporter.cluster.enabled";
    public static final String NODE_ID = "exporter.cluster.node-id";
    public static final String LEASE = "exporter.cluster.lease";
    public static final String PARTITION_ROWS = "exporter.cluster.partition-rows";
    public static final String PARTITIONS = "exporter.cluster.partitions";
    /** More partitions than this would only add files and claims: no cluster has that many free nodes. */
    public static final int MAX_PARTITIONS = 64;
    /** Shorter leases would let a garbage-collection pause or a slow store statement cost a node its exports. */
    public static final Duration MIN_LEASE = Duration.ofSeconds(3);
    private static final Pattern NODE_ID_PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /** Reads and checks the keys; a bad value stops start-up naming the key. */
    public static ClusterSettings of(Settings settings) {
        boolean enabled = settings.getBoolean(ENABLED, false);
        Duration lease = settings.duration(LEASE, "PT30S");
        if (lease.compareTo(MIN_LEASE) < 0) {
            throw new ConfigException(LEASE + " must be at least PT3S, got " + settings.get(LEASE) + " (from " + settings.origin(LEASE) + ")");
        }
        String nodeId = settings.get(NODE_ID);
        if (nodeId == null) {
            nodeId = defaultNodeId();
        } else if (!NODE_ID_PATTERN.matcher(nodeId).matches()) {
            throw new ConfigException(NODE_ID + " must be 1 to 100 letters, digits, '.', '_', ':' or '-', got '" + nodeId
                    + "' (from " + settings.origin(NODE_ID) + ")");
        }
        long partitionRows = settings.get(PARTITION_ROWS) == null ? 1_000_000 : settings.getInt(PARTITION_ROWS, 0, Integer.MAX_VALUE);
        int partitions = settings.get(PARTITIONS) == null ? 0 : settings.getInt(PARTITIONS, 0, MAX_PARTITIONS);
        if (partitions == 1) {
            throw new ConfigException(PARTITIONS + " must be 0 (as many as live nodes) or 2 to " + MAX_PARTITIONS + ", got 1 (from "
                    + settings.origin(PARTITIONS) + ")");
        }
        return new ClusterSettings(enabled, nodeId, lease, partitionRows, partitions);
    }

    /** A single node's settings: no cluster, nothing split. */
    public ClusterSettings(boolean enabled, String nodeId, Duration lease) {
        this(enabled, nodeId, lease, 0, 0);
    }

    /** How often a node heartbeats and looks for work: a fifth of the lease, at least once a second. */
    public Duration tick() {
        Duration fifth = lease.dividedBy(5);
        return fifth.compareTo(Duration.ofSeconds(1)) < 0 ? fifth : Duration.ofSeconds(1);
    }

    /** {@code <host name>-<process id>}, cut to the allowed characters. */
    static String defaultNodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "node";
        }
        String id = host.replaceAll("[^A-Za-z0-9._:-]", "-") + "-" + ProcessHandle.current().pid();
        return id.length() > 100 ? id.substring(id.length() - 100) : id;
    }
}
