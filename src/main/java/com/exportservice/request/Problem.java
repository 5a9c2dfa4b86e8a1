package com.exportservice.request;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One problem with a request, naming the field as a path ({@code filters.level}, {@code data_types[1]}).
 * Serialized as an entry of the error body's {@code details}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class) // as the service writes it; the OpenAPI schema reads it here
public record Problem(String field, String problem) {
}
