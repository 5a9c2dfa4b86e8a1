package com.exportservice.request;

import java.util.List;

/** A request that cannot be exported, with every problem found (not only the first). */
public class InvalidExportConfigException extends RuntimeException {
    private final List<Problem> problems;

    public InvalidExportConfigException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        if (problems.isEmpty()) {
            return "invalid export config";
        }
        Problem first = problems.get(0);
        String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
        return "invalid export config: " + first.field() + ": " + first.problem() + more;
    }
}
