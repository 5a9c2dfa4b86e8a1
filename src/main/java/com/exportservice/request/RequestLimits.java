package com.exportservice.request;

/**
 * How much a request may ask of the source database, whatever else it holds. Each filter condition
 * becomes SQL every row is tested against, and each value a bound parameter (PostgreSQL takes at most
 * 32,767 per statement): a request beyond these is refused with a problem naming the field, before any
 * query runs. Real requests stay far below them.
 */
public final class RequestLimits {
    /** Filter conditions in one request: one per operator of a field, each entry of an {@code all_of} counting. */
    public static final int MAX_CONDITIONS = 100;
    /** Values in one {@code in} list (or a field's array). */
    public static final int MAX_IN_VALUES = 1_000;
    /** Filter values in one request, all conditions together. */
    public static final int MAX_FILTER_VALUES = 5_000;
    /** Problems listed in an error's {@code details}; the message gives the total. */
    public static final int MAX_LISTED_PROBLEMS = 100;

    private RequestLimits() {
    }
}
