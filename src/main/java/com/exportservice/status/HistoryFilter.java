package com.exportservice.status;

import java.util.Locale;
import java.util.Set;

/**
 * Which exports a history page lists.
 *
 * @param status        one status, or null for all
 * @param onlyDataTypes only exports all of whose data types are among these (a token limited to data types); null: all
 * @param text          only exports whose name or id contains this text, ignoring case; null or empty: all
 */
public record HistoryFilter(ExportState status, Set<String> onlyDataTypes, String text) {
    public HistoryFilter {
        onlyDataTypes = onlyDataTypes == null ? null : Set.copyOf(onlyDataTypes);
        text = text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
    }
}
