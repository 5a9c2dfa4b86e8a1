package com.exportservice.engine;

/**
 * One batch exchange of a data type: the rows with a key above {@code afterKey}, up to the export's
 * high-water mark, at most {@code batch_size} of them, in key order.
 *
 * @param afterKey the exclusive lower bound (the committed checkpoint's last key; null: from the start)
 */
public record BatchRange(String dataType, Object afterKey) {
}
