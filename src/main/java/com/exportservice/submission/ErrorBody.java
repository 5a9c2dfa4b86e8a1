package com.exportservice.submission;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.exportservice.request.Problem;

import java.util.List;

/** The body of every 4xx/5xx answer (contract section 9, "Errors"), and of an inbox file's {@code .error.json}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class) // as the service writes it; the OpenAPI schema reads it here
public record ErrorBody(String error, String message, List<Problem> details) {
}
