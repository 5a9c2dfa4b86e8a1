package com.exportservice.transform;

/**
 * A json field's text that is a JSON object in exactly the form the writers print its parsed value
 * ({@link JsonText#compactObject}), with the names of its top-level members: the transformer builds the
 * metadata's JSON text from it without a map. Kept in the record by validation; its {@code names} are
 * not copied (nobody changes them).
 */
public record CompactJsonObject(String text, String[] names) {
}
