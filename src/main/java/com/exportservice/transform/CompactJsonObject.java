package com.exportservice.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * A json field's text that is a JSON object in exactly the form the writers print its parsed value
 * ({@link JsonText#compactObject}), with where its top-level members' names start in it ({@code nameAt}:
 * the first char after each name's opening quote; a name has no escape, so the next quote ends it): the
 * transformer builds the metadata's JSON text from it without a map, and asks {@link #hasName} whether
 * a {@code key=value} pair would replace a member, without a String per name. Kept in the record by
 * validation; {@code nameAt} is not copied (nobody changes it).
 */
public record CompactJsonObject(String text, int[] nameAt) {

    /** How many members the object has. */
    public int nameCount() {
        return nameAt.length;
    }

    /** Whether a top-level member has this name. */
    public boolean hasName(String name) {
        int length = name.length();
        if (name.indexOf('"') >= 0) {
            return false; // no name here holds one: it would be escaped
        }
        for (int at : nameAt) {
            // the name's chars, then its closing quote
            if (at + length < text.length() && text.charAt(at + length) == '"' && text.regionMatches(at, name, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** The top-level members' names, in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(nameAt.length);
        for (int at : nameAt) {
            names.add(text.substring(at, text.indexOf('"', at)));
        }
        return names;
    }
}
