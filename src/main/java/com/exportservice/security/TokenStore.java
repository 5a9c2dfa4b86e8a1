package com.exportservice.security;

import com.exportservice.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The tokens the service accepts, as the tokens file says now: the file is looked at (one {@code stat})
 * on every use and read again when it changed, so a token deleted from it stops working at once, without
 * a restart. A file that became unreadable or malformed accepts no token at all until it is fixed (a
 * revocation half-typed must not leave the old tokens valid); it is logged once per change.
 */
public final class TokenStore {
    private static final Logger LOG = LoggerFactory.getLogger(TokenStore.class);

    private record Stamp(boolean exists, FileTime modified, long size, Object fileKey) {
        static final Stamp ABSENT = new Stamp(false, null, -1, null);
        static final Stamp UNREADABLE = new Stamp(true, null, -2, "unreadable");
    }

    private record Entry(byte[] hash, ApiToken token) {
    }

    /** One reading of the file. {@code broken} means nothing is accepted. */
    private record Snapshot(Stamp stamp, List<Entry> entries, boolean broken) {
    }

    private final Path file;
    private final String shownName;
    private volatile Snapshot snapshot;

    private TokenStore(Path file, String shownName, Snapshot first) {
        this.file = file;
        this.shownName = shownName;
        this.snapshot = first;
    }

    /**
     * Reads the file for the first time.
     *
     * @throws ConfigException when it is malformed: the service does not start with a broken tokens file
     */
    public static TokenStore open(Path file, String shownName) {
        Stamp stamp = stamp(file);
        return new TokenStore(file, shownName, new Snapshot(stamp, entries(TokensFile.read(file, shownName)), false));
    }

    /** Whether the file holds at least one token, or is broken (then tokens are required but none is valid). */
    public boolean tokensRequired() {
        Snapshot s = current();
        return s.broken || !s.entries.isEmpty();
    }

    public int size() {
        return current().entries.size();
    }

    /** The entry of a presented token; hashes are compared in constant time. */
    public Optional<ApiToken> find(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 512) {
            return Optional.empty();
        }
        return byHash(TokenHashes.sha256(presented));
    }

    /** The entry with this hash (a session refers to its token by hash), if the file still holds it. */
    public Optional<ApiToken> byHashHex(String sha256Hex) {
        return byHash(HexFormat.of().parseHex(sha256Hex));
    }

    private Optional<ApiToken> byHash(byte[] hash) {
        ApiToken found = null;
        // every entry is compared, found or not: the time taken does not tell which entry matched
        for (Entry e : current().entries) {
            if (TokenHashes.sameHash(e.hash, hash) && found == null) {
                found = e.token;
            }
        }
        return Optional.ofNullable(found);
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        Stamp now = stamp(file);
        if (now.equals(s.stamp)) {
            return s;
        }
        return reload(now);
    }

    private synchronized Snapshot reload(Stamp now) {
        if (snapshot.stamp.equals(now)) {
            return snapshot;
        }
        Snapshot next;
        try {
            List<ApiToken> tokens = TokensFile.read(file, shownName);
            next = new Snapshot(now, entries(tokens), false);
            LOG.info("{}: tokens file changed; {} token(s) now accepted", shownName, tokens.size());
        } catch (ConfigException e) {
            next = new Snapshot(now, List.of(), true);
            LOG.error("{}: the tokens file cannot be used, so no token is accepted until it is fixed: {}", shownName, e.getMessage());
        }
        snapshot = next;
        return next;
    }

    private static List<Entry> entries(List<ApiToken> tokens) {
        return tokens.stream().map(t -> new Entry(HexFormat.of().parseHex(t.sha256()), t)).toList();
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(true, a.lastModifiedTime(), a.size(), a.fileKey());
        } catch (NoSuchFileException e) {
            return Stamp.ABSENT;
        } catch (IOException e) {
            // the next read reports why (once: the stamp stays the same while the problem lasts)
            return Stamp.UNREADABLE;
        }
    }
}
