package com.exportservice.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.util.regex.Pattern;

/**
 * What a YAML or JSON parser found wrong, on one line, for any document the service reads (settings
 * files, export requests). SnakeYAML's own message spans several lines with an excerpt of the source:
 * its problem and context are kept instead.
 *
 * @param problem the problem, one line
 * @param line    1-based, or 0 when unknown
 * @param column  1-based, or 0 when unknown
 */
public record ParseError(String problem, int line, int column) {

    public static ParseError of(JacksonException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
            return new ParseError(text(m.getProblem() + context), m.getProblemMark().getLine() + 1,
                    m.getProblemMark().getColumn() + 1);
        }
        JsonLocation at = e.getLocation();
        boolean known = at != null && at.getLineNr() >= 1;
        return new ParseError(text(e.getOriginalMessage()), known ? at.getLineNr() : 0, known ? at.getColumnNr() : 0);
    }

    public boolean hasPosition() {
        return line >= 1;
    }

    /** {@code line 3, column 7}; empty when the position is unknown. */
    public String position() {
        return hasPosition() ? "line " + line + ", column " + column : "";
    }

    /** The problem followed by its position: {@code <problem> (line 3, column 7)}. */
    public String describe() {
        return hasPosition() ? problem + " (" + position() + ")" : problem;
    }

    private static String text(String message) {
        // Jackson names the opening bracket's place with its source description, a Java-ism a person cannot
        // use ("[Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 16]"): keep line and column
        String s = ConfigException.oneLine(SOURCE.matcher(message == null ? "" : message).replaceAll("line $1, column $2"));
        return s.isEmpty() ? "unreadable" : s;
    }

    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");
}
