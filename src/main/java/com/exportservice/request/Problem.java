package com.exportservice.request;

/**
 * One problem with a request, naming the field as a path ({@code filters.level}, {@code data_types[1]}).
 * Serialized as an entry of the error body's {@code details}.
 */
public record Problem(String field, String problem) {
}
