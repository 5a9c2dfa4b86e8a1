package com.exportservice.api;

import com.exportservice.request.Problem;

import java.util.List;

/** An HTTP error with its contract code ({@code malformed_json}, {@code invalid_request}, …). */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<Problem> details;

    public ApiException(int status, String code, String message, List<Problem> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public ApiException(int status, String code, String message) {
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
}
