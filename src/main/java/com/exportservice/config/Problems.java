package com.exportservice.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Collects what is wrong with one document (the data types or schedules file, an export request) in the
 * order found, each once, so that every problem is reported together rather than the first only.
 * A problem is a place and what is wrong there: in a request the place is a field path
 * ({@code filters.level}); in a file it is a prefix naming the place ({@code data type 'logs': field 'ts': }).
 */
public final class Problems {
    private record Entry(String where, String problem) {
    }

    private final Set<Entry> entries = new LinkedHashSet<>();

    public void add(String where, String problem) {
        entries.add(new Entry(where, problem));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int count() {
        return entries.size();
    }

    /** The problems as values of another kind, e.g. the problems of an error body. */
    public <T> List<T> map(BiFunction<String, String, T> as) {
        List<T> out = new ArrayList<>(entries.size());
        entries.forEach(e -> out.add(as.apply(e.where(), e.problem())));
        return out;
    }

    /**
     * Stops start-up when a file has problems.
     *
     * @throws ConfigException one line per problem: {@code <file>: <where><problem>}
     */
    public void throwIfAny(String file) {
        if (!entries.isEmpty()) {
            throw new ConfigException(String.join("\n", map((where, problem) -> file + ": " + where + problem)));
        }
    }
}
