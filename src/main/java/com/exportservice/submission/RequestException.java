package com.exportservice.submission;

import com.exportservice.request.Problem;

import java.util.List;

/**
 * A request answered with an error (contract section 9, "Errors"): the HTTP status, the contract's code
 * ({@code malformed_json}, {@code invalid_request}, …), a one-line message and the problems. The HTTP API
 * answers it as its status with an {@link ErrorBody}; the inbox writes the same body beside a rejected file.
 */
public class RequestException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<Problem> details;

    public RequestException(int status, String code, String message, List<Problem> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public RequestException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Problem> details() {
        return details;
    }

    /** The body that answers this error. */
    public ErrorBody body() {
        return new ErrorBody(code, getMessage(), details);
    }
}
