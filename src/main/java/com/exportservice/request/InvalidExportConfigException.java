package com.exportservice.request;

import java.util.List;

/**
 * A request that cannot be exported, with every problem found (not only the first), listed up to
 * {@link RequestLimits#MAX_LISTED_PROBLEMS}: a hostile request with tens of thousands of problems gets
 * an answer of bounded size that still says how many there were.
 */
public class InvalidExportConfigException extends RuntimeException {
    private final List<Problem> problems;
    private final int total;

    public InvalidExportConfigException(List<Problem> problems) {
        this(problems, problems.size());
    }

    /**
     * @param problems the problems found, of which the first {@link RequestLimits#MAX_LISTED_PROBLEMS} are kept
     * @param total    how many there were
     */
    public InvalidExportConfigException(List<Problem> problems, int total) {
        super(summary(problems, total));
        this.problems = List.copyOf(problems.subList(0, Math.min(problems.size(), RequestLimits.MAX_LISTED_PROBLEMS)));
        this.total = Math.max(total, this.problems.size());
    }

    /** The problems listed (at most {@link RequestLimits#MAX_LISTED_PROBLEMS}). */
    public List<Problem> problems() {
        return problems;
    }

    /** How many problems the request had, also those not listed. */
    public int total() {
        return total;
    }

    private static String summary(List<Problem> problems, int total) {
        if (problems.isEmpty()) {
            return "invalid export config";
        }
        Problem first = problems.get(0);
        String more = total > 1 ? " (and " + (total - 1) + " more)" : "";
        return "invalid export config: " + first.field() + ": " + first.problem() + more;
    }
}
