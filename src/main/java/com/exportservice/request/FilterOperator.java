package com.exportservice.request;

import java.util.Locale;

/** Filter operators of contract section 4. */
public enum FilterOperator {
    EQ, NE, GT, GTE, LT, LTE, IN, CONTAINS, STARTS_WITH, IS_NULL;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operator spelled as in a request, or null when unknown. */
    public static FilterOperator fromName(String name) {
        for (FilterOperator o : values()) {
            if (o.jsonName().equals(name)) {
                return o;
            }
        }
        return null;
    }
}
