package com.exportservice.cli;

import java.util.List;

/** Command-line arguments that cannot be used, with every problem found (not only the first). */
public class InvalidArgumentsException extends RuntimeException {
    private final List<String> errors;

    public InvalidArgumentsException(List<String> errors) {
        super(errors.isEmpty() ? "invalid arguments" : "invalid arguments: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    /** One line per problem, each naming the option it concerns. */
    public List<String> errors() {
        return errors;
    }
}
