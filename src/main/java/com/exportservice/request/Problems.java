package com.exportservice.request;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one request in the order found, each once. */
final class Problems {
    private final List<Problem> list = new ArrayList<>();

    void add(String field, String problem) {
        Problem p = new Problem(field, problem);
        if (!list.contains(p)) {
            list.add(p);
        }
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    List<Problem> list() {
        return list;
    }
}
