package com.exportservice.inbox;

import com.exportservice.security.LogText;
import com.exportservice.submission.RequestDocuments;
import com.exportservice.submission.RequestErrors;
import com.exportservice.submission.RequestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Header;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Handles one complete file of the watched inbox (bean {@code inboxFiles}, contract section 6): submits
 * the ExportConfig it holds and answers where the file goes. Accepted: {@code .processed/<name>} with a
 * sibling {@code <name>.export_id} holding the export id. Rejected: {@code .failed/<name>} with a sibling
 * {@code <name>.error.json} holding the HTTP API's error body for the same request. The sibling is written
 * first, so it is there when the file appears; a name already taken there gets a suffix
 * ({@code errors-1.json}): nothing of an earlier file is overwritten.
 * <p>
 * The file component moves the file afterwards (its {@code move} option reads the answer), so the move is
 * part of the consumer's commit like any Camel file route; this bean only decides and never deletes.
 * <p>
 * Only regular files of at most 1 MiB are read. As the consumer's {@code filter}, this bean takes a symbolic
 * link out of the listing before anything looks at its target (read lock included) and moves the link
 * itself to {@code .failed/}; the read opens the file without following links, so a file swapped for a
 * link afterwards is refused too. File names are logged with control characters replaced.
 */
public final class InboxFiles implements GenericFileFilter<File> {
    /** Exchange property holding the destination (relative to the inbox); the route's {@code move} reads it. */
    public static final String DESTINATION = "inboxDestination";
    public static final String PROCESSED = ".processed";
    public static final String FAILED = ".failed";
    public static final String EXPORT_ID_SUFFIX = ".export_id";
    public static final String ERROR_SUFFIX = ".error.json";
    private static final Logger LOG = LoggerFactory.getLogger(InboxFiles.class);
    /** Longest file name shown in a log line. */
    private static final int LOGGED_NAME = 200;
    /** How error messages name the document. */
    private static final String THE_FILE = "the file";

    /** Submits a request with trigger {@code file} ({@code ExportSubmission}); returns the export id or throws what the API would answer. */
    @FunctionalInterface
    public interface Submitter {
        String submit(JsonNode request);
    }

    private final Submitter submitter;
    private final ObjectMapper mapper;

    /**
     * @param mapper the service's JSON mapper: requests are read and error bodies written as the API does
     */
    public InboxFiles(Submitter submitter, ObjectMapper mapper) {
        this.submitter = submitter;
        this.mapper = mapper;
    }

    /** The file consumer's entry: the file's absolute path in, its destination relative to the inbox out. */
    public String accept(@Header("CamelFileAbsolutePath") String absolutePath) throws IOException {
        return handle(Path.of(absolutePath));
    }

    /**
     * Submits the file's request and writes the sibling.
     *
     * @return where the file is to be moved, relative to its directory: {@code .processed/<name>} or {@code .failed/<name>}
     * @throws IOException when the destination directories or the sibling of a rejected file cannot be written
     *                     (nothing was submitted; the file stays and is tried again at the next poll)
     */
    public String handle(Path file) throws IOException {
        Path inbox = file.getParent();
        String name = file.getFileName().toString();
        // both destinations exist before anything is submitted: afterwards nothing may fail
        prepareDestinations(inbox);
        JsonNode request;
        String exportId;
        try {
            request = read(file);
            exportId = submitter.submit(request);
        } catch (RuntimeException e) {
            RequestException error = RequestErrors.translate(e);
            String target = reserve(inbox.resolve(FAILED), name, ERROR_SUFFIX);
            writeAtomically(inbox.resolve(FAILED).resolve(target + ERROR_SUFFIX),
                    mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(error.body()));
            LOG.warn("inbox file {} rejected ({}): {}; moved to {}/{}", logged(name), error.code(), LogText.safe(error.getMessage(), 500),
                    FAILED, logged(target));
            return FAILED + "/" + target;
        }
        // From here on the export exists: whatever happens, the file must leave the inbox, or it would be
        // submitted a second time at the next poll.
        String target = reserve(inbox.resolve(PROCESSED), name, EXPORT_ID_SUFFIX);
        try {
            writeAtomically(inbox.resolve(PROCESSED).resolve(target + EXPORT_ID_SUFFIX), exportId.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.error("inbox file {}: export {} started, but {}{} could not be written: {}", logged(name), exportId, logged(target),
                    EXPORT_ID_SUFFIX, LogText.safe(e.getMessage(), 500));
        }
        LOG.info("inbox file {}: export {} started; moved to {}/{}", logged(name), exportId, PROCESSED, logged(target));
        return PROCESSED + "/" + target;
    }

    /**
     * The file's request: JSON for {@code .json}, YAML otherwise; unreadable content is the API's malformed_json.
     * Read without following a link, and never more than 1 MiB and a byte.
     */
    private JsonNode read(Path file) {
        byte[] bytes;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                throw symbolicLink();
            }
            if (!attributes.isRegularFile()) {
                throw new RequestException(400, "malformed_json", THE_FILE + " is not a regular file");
            }
            if (attributes.size() > RequestDocuments.MAX_BYTES) {
                throw RequestDocuments.tooLarge(THE_FILE);
            }
            bytes = readAtMost(file, RequestDocuments.MAX_BYTES + 1);
        } catch (IOException e) {
            throw RequestDocuments.unreadable(THE_FILE, e);
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return RequestDocuments.parse(bytes, json ? RequestDocuments.JSON : RequestDocuments.YAML, THE_FILE, json ? "JSON" : "YAML");
    }

    /** Up to {@code max} bytes of a regular file, opened without following a symbolic link. */
    private static byte[] readAtMost(Path file, int max) throws IOException {
        try (InputStream in = Channels.newInputStream(Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)))) {
            return in.readNBytes(max);
        }
    }

    private static RequestException symbolicLink() {
        return new RequestException(403, "forbidden", THE_FILE + " is a symbolic link: the inbox reads regular files only "
                + "(the link was moved, its target was not read)");
    }

    /**
     * The consumer's filter: a request file ({@code .json}, {@code .yaml}, {@code .yml}) that is a symbolic
     * link is refused here, before the read lock or anything else looks at its target, and the link itself
     * is moved to {@code .failed/} beside its error body. Everything else is left to the consumer's options.
     */
    @Override
    public boolean accept(GenericFile<File> file) {
        Path path = file.getFile().toPath();
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean request = name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
        if (!request || !Files.isSymbolicLink(path)) {
            return true;
        }
        try {
            Path failed = prepareDestinations(path.getParent()).resolve(FAILED);
            String target = reserve(failed, path.getFileName().toString(), ERROR_SUFFIX);
            RequestException error = symbolicLink();
            writeAtomically(failed.resolve(target + ERROR_SUFFIX), mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(error.body()));
            Files.move(path, failed.resolve(target), LinkOption.NOFOLLOW_LINKS);
            LOG.warn("inbox file {} rejected (forbidden): a symbolic link, not followed; moved to {}/{}", logged(path.getFileName().toString()),
                    FAILED, logged(target));
        } catch (IOException | RuntimeException e) {
            LOG.warn("inbox file {} is a symbolic link and was not read, but it could not be moved to {}: {}",
                    logged(path.getFileName().toString()), FAILED, LogText.safe(e.getMessage(), 500));
        }
        return false;
    }

    /**
     * Makes {@code .processed/} and {@code .failed/} in the inbox when missing.
     *
     * @return the inbox
     * @throws IOException naming the path when one exists but is not a writable directory
     */
    static Path prepareDestinations(Path inbox) throws IOException {
        for (String name : new String[]{PROCESSED, FAILED}) {
            Path dir = inbox.resolve(name);
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new NotDirectoryException(dir + " is not a directory: move it away so the inbox can put files there");
            }
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new AccessDeniedException(dir + " is not writable by the service");
            }
        }
        return inbox;
    }

    private static String logged(String fileName) {
        return LogText.safe(fileName, LOGGED_NAME);
    }

    /**
     * A name in {@code dir} that neither a file nor its sibling has yet: the file's own, else
     * {@code <base>-1.<ext>}, {@code <base>-2.<ext>}, …
     */
    static String reserve(Path dir, String name, String siblingSuffix) {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String candidate = name;
        for (int n = 1; Files.exists(dir.resolve(candidate)) || Files.exists(dir.resolve(candidate + siblingSuffix)); n++) {
            candidate = base + "-" + n + ext;
        }
        return candidate;
    }

    /** Writes under a hidden temporary name first: a reader never sees a partial sibling. */
    private static void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(tmp, content);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
    }
}
