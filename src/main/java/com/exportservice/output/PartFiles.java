package com.exportservice.output;

import com.exportservice.config.DataType;
import com.exportservice.record.RecordContext;
import com.exportservice.request.OutputFormat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The part files of a partitioned data type (cluster mode, docs/cluster.md) and their assembly into the data
 * type's file. Each partition writes only its records, each as if other records came before it (json: every
 * record after {@code ",\n"}), no header and no footer. Assembled in key order with the header before them and
 * the footer after, the file is byte for byte the one a single node writes: the first record's {@code ","}
 * is left out (json), the footer is the writer's for the total count.
 */
public final class PartFiles {
    private static final int COPY_BUFFER = 64 * 1024;

    private PartFiles() {
    }

    /** One committed part: its file (the owner's epoch file) and the bytes its last checkpoint counts. */
    public record Part(Path file, long bytes) {
    }

    /** The name of partition {@code number}'s part file of a data file ({@code logs.jsonl.p003}, before its tag). */
    public static String partName(String fileName, int number) {
        return fileName + String.format(".p%03d", number);
    }

    /** The temporary file partition {@code number} writes with its claim's tag ({@link EpochFiles#tag}). */
    public static Path partFile(Path dir, String fileName, int number, String tag) {
        return new DataFile(dir, partName(fileName, number), tag).tempPath();
    }

    /**
     * Deletes the part files of {@code fileName} still in {@code dir} (any partition, any owner's tag): the
     * owner deletes them once the data type's file is assembled, but a crash between the two leaves them,
     * and the export's completion sweeps them then.
     *
     * @return how many were deleted
     */
    public static int deleteLeftovers(Path dir, String fileName) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        Pattern parts = Pattern.compile(
                Pattern.quote(fileName) + "\\.p[0-9]{3,}(\\.e[0-9]{1,18})?" + Pattern.quote(DataFile.TEMP_SUFFIX));
        List<Path> found = new ArrayList<>();
        try (var list = Files.list(dir)) {
            list.filter(p -> parts.matcher(p.getFileName().toString()).matches()).forEach(found::add);
        }
        for (Path p : found) {
            Files.deleteIfExists(p);
        }
        return found.size();
    }

    /**
     * Writes the data type's file from its parts into {@code target} (started over: a crash in the middle of an
     * assembly is mended by assembling again): header, each part's committed bytes in order, footer.
     *
     * @param records the records of all parts together (the footer of a json array depends on whether there are any)
     */
    public static void assemble(DataFile target, OutputFormat format, DataType type, RecordContext context, List<Part> parts,
                                long records) throws IOException {
        OutputStream out = target.openForAppend(0);
        RecordWriter header = RecordWriters.create(format, type, context, out, 0);
        header.writeHeader();
        header.flush();
        boolean first = true;
        byte[] buffer = new byte[COPY_BUFFER];
        for (Part part : parts) {
            if (part.bytes() == 0) {
                continue;
            }
            try (InputStream in = Files.newInputStream(part.file())) {
                long left = part.bytes();
                if (first && format == OutputFormat.JSON) {
                    // the file's first record follows "[\n", not ",\n"
                    if (in.read() != ',') {
                        throw new IOException(part.file() + " does not start with a record separator");
                    }
                    left--;
                }
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new IOException(part.file() + " ended " + left + " bytes before its checkpoint's " + part.bytes());
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
            first = false;
        }
        RecordWriter footer = RecordWriters.create(format, type, context, out, records);
        footer.writeFooter();
        footer.flush();
        target.sync();
        target.close();
    }
}
