package com.exportservice.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A json field's text that is a JSON object in exactly the form the writers print its parsed value
 * ({@link JsonText#compactObject}), with where its top-level members' names start in it ({@code nameAt}:
 * the first char after each name's opening quote; a name has no escape, so the next quote ends it): the
 * transformer builds the metadata's JSON text from it without a map, and asks {@link #hasName} whether
 * a {@code key=value} pair would replace a member, without a String per name ({@code nameBits}: the names'
 * {@link #nameBit}s or-ed, so that most keys naming no member are told without a comparison). Kept in the record by
 * validation; {@code nameAt} is not copied (nobody changes it).
 */
public record CompactJsonObject(String text, int[] nameAt, long nameBits) {

    /** The object of this text whose top-level names start at {@code nameAt}, with their {@code nameBits}. */
    static CompactJsonObject of(String text, int[] nameAt) {
        long bits = 0;
        for (int at : nameAt) {
            bits |= nameBit(text, at, text.indexOf('"', at) - at);
        }
        return new CompactJsonObject(text, nameAt, bits);
    }

    /** {@link #of(String, int[])} of the first {@code count} names, whose lengths the caller knows. */
    static CompactJsonObject of(String text, int[] nameAt, int[] nameLength, int count) {
        long bits = 0;
        for (int k = 0; k < count; k++) {
            bits |= nameBit(text, nameAt[k], nameLength[k]);
        }
        return new CompactJsonObject(text, Arrays.copyOf(nameAt, count), bits);
    }

    /** A name's bit in {@code nameBits}: of its length and first char (the shift takes it mod 64). */
    private static long nameBit(CharSequence text, int at, int length) {
        return 1L << (length == 0 ? 0 : length * 7 + text.charAt(at));
    }

    /** How many members the object has. */
    public int nameCount() {
        return nameAt.length;
    }

    /** Whether a top-level member has this name. */
    public boolean hasName(String name) {
        return hasName(name, 0, name.length());
    }

    /** Whether a top-level member has the name {@code chars[from, from + length)}. */
    boolean hasName(String chars, int from, int length) {
        if ((nameBits & nameBit(chars, from, length)) == 0 || chars.lastIndexOf('"', from + length - 1) >= from) {
            return false; // no name of this length and first char; a quote: no name here holds one (escaped)
        }
        for (int at : nameAt) {
            // the name's chars, then its closing quote
            if (at + length < text.length() && text.charAt(at + length) == '"' && text.regionMatches(at, chars, from, length)) {
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
