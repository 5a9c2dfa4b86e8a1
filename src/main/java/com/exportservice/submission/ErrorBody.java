package com.exportservice.submission;

import com.exportservice.request.Problem;

import java.util.List;

/** The body of every 4xx/5xx answer (contract section 9, "Errors"), and of an inbox file's {@code .error.json}. */
public record ErrorBody(String error, String message, List<Problem> details) {
}
