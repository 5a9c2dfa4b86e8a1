package com.exportservice.api;

import com.exportservice.request.Problem;

import java.util.List;

/** The body of every 4xx/5xx answer (contract section 9, "Errors"). */
public record ErrorBody(String error, String message, List<Problem> details) {
}
