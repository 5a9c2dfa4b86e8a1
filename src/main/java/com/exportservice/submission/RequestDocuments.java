package com.exportservice.submission;

import com.exportservice.config.ParseError;
import com.exportservice.config.StrictYaml;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * Reads an export request document, whoever received it (the HTTP body, an inbox file): at most 1 MiB,
 * and what cannot be read is answered as the contract says ({@code payload_too_large},
 * {@code malformed_json}), with the parser's problem and position on one line.
 */
public final class RequestDocuments {
    /** Largest request accepted (contract: over 1 MiB is 413). */
    public static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 100;
    static final int MAX_NAME_LENGTH = 1000;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .maxStringLength(MAX_BYTES)
            .build();

    /**
     * Reads requests as JSON within limits far above any real request and far below what could hurt the
     * service: 64 levels of nesting, numbers of 100 digits, field names of 1,000 characters. A key given
     * twice is refused (it would silently keep the last value: {@code "batch_size":1,"batch_size":100000}).
     */
    public static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    /** Reads YAML requests (inbox, {@code --config}) with the same limits and the same refusal of repeated keys. */
    public static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private RequestDocuments() {
    }

    /**
     * @param what   how the message names the document: {@code the request body}, {@code the file}
     * @param syntax {@code JSON} or {@code YAML}, as the mapper reads it
     */
    public static JsonNode parse(byte[] document, ObjectMapper mapper, String what, String syntax) {
        if (document.length > MAX_BYTES) {
            throw tooLarge(what);
        }
        try {
            // one document: text after it ({"a":1} {"b":2}, or a second YAML document) is refused, not ignored
            return mapper.getFactory() instanceof YAMLFactory ? StrictYaml.read(mapper, document)
                    : mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(document);
        } catch (StrictYaml.Refused e) {
            throw new RequestException(400, "malformed_json", what + " holds what a request may not: " + ParseError.of(e).describe());
        } catch (StreamConstraintsException e) {
            // the parser's own message names its limits by Java method; this one says it for a person
            throw new RequestException(400, "malformed_json", what + " is beyond what a request may hold (its nesting, "
                    + "a number or a field name is too long)");
        } catch (JacksonException e) {
            throw new RequestException(400, "malformed_json", what + " is not valid " + syntax + ": " + ParseError.of(e).describe());
        } catch (IOException e) {
            throw unreadable(what, e);
        }
    }

    /** The answer to a document over {@link #MAX_BYTES}. */
    public static RequestException tooLarge(String what) {
        return new RequestException(413, "payload_too_large", what + " is over " + MAX_BYTES + " bytes (1 MiB)");
    }

    /** The answer to a document that cannot be read at all. */
    public static RequestException unreadable(String what, IOException e) {
        return new RequestException(400, "malformed_json", what + " cannot be read: " + e.getMessage());
    }
}
