package com.exportservice.transform;

import com.exportservice.config.FieldDef;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps a raw enum value to its canonical declared spelling: the same normalization for validation
 * ({@code enum:<field>}), transformation and request filters (contract 10, "enum filters").
 *
 * <p>A value matches a declared value ignoring case and surrounding whitespace (after
 * {@link TextCleaner#clean}), or an alias (lower-case alias to canonical value). A field that declares
 * no aliases gets the built-in synonyms of log levels, but only when its values look like log levels
 * (see {@link #DEFAULT_SYNONYMS}). Ambiguous spellings map to nothing. Immutable and thread-safe.
 */
public final class EnumNormalizer {
    /**
     * Groups of log-level synonyms. When exactly one member of a group is a declared value, the other
     * members are aliases of it; when none or several are declared, the group gives no alias (ambiguous).
     */
    public static final List<List<String>> DEFAULT_SYNONYMS = List.of(
            List.of("TRACE", "FINEST", "FINER", "VERBOSE"),
            List.of("DEBUG", "DBG", "FINE"),
            List.of("INFO", "INFORMATION", "INFORMATIONAL", "NOTICE"),
            List.of("WARN", "WARNING"),
            List.of("ERROR", "ERR", "SEVERE"),
            List.of("FATAL", "CRITICAL", "CRIT", "EMERG", "EMERGENCY", "ALERT", "PANIC"));

    private final List<String> values;
    /**
     * Declared spellings as they are: the fast path for already canonical data. A scan with equals, not
     * a hash lookup: each value read from the database is a new String whose hash is not computed yet.
     */
    private final String[] exact;
    /** Lower-case declared value or alias to canonical value; ambiguous spellings are absent. */
    private final Map<String, String> lower;

    /**
     * @param values  declared canonical values; empty means any value is allowed (only upper-casing applies)
     * @param aliases alias to canonical value; an alias whose target is not declared is ignored; null or
     *                empty: the default log-level synonyms apply when the values look like log levels
     */
    public EnumNormalizer(Collection<String> values, Map<String, String> aliases) {
        this.values = List.copyOf(values);
        Map<String, String> ex = new HashMap<>();
        for (String v : this.values) {
            ex.put(v, v);
        }
        this.exact = this.values.toArray(new String[0]);
        Map<String, String> lw = new HashMap<>();
        Set<String> ambiguous = new java.util.HashSet<>();
        for (String v : this.values) {
            putUnambiguous(lw, ambiguous, v.toLowerCase(Locale.ROOT), v);
        }
        Map<String, String> effective = aliases == null || aliases.isEmpty() ? defaultAliases(this.values) : aliases;
        Map<String, String> aliasMap = new HashMap<>();
        Set<String> aliasAmbiguous = new java.util.HashSet<>();
        for (Map.Entry<String, String> a : effective.entrySet()) {
            String target = a.getValue();
            if (target == null || !ex.containsKey(target)) {
                continue; // an alias must name a declared value
            }
            String key = TextCleaner.clean(a.getKey()).toLowerCase(Locale.ROOT);
            if (key.isEmpty() || lw.containsKey(key) || ambiguous.contains(key)) {
                continue; // a declared value's own spelling wins over an alias
            }
            putUnambiguous(aliasMap, aliasAmbiguous, key, target);
        }
        lw.putAll(aliasMap);
        this.lower = Map.copyOf(lw);
    }

    /** The normalizer of an {@code enum} field: its values and aliases (or the defaults). */
    public static EnumNormalizer forField(FieldDef field) {
        return new EnumNormalizer(field.values(), field.aliases());
    }

    /** The declared values, canonical spelling, in declaration order. */
    public List<String> values() {
        return values;
    }

    /**
     * The canonical declared value of {@code raw} (a String, or anything else by its {@code toString}),
     * or null when it matches none. When no values are declared, the cleaned value upper-cased.
     */
    public String canonical(Object raw) {
        if (raw == null) {
            return null;
        }
        String s = raw instanceof String ? (String) raw : String.valueOf(raw);
        for (String v : exact) {
            if (v.equals(s)) {
                return v;
            }
        }
        String cleaned = TextCleaner.clean(s);
        String hit = lower.get(cleaned.toLowerCase(Locale.ROOT));
        if (hit != null) {
            return hit;
        }
        if (values.isEmpty() && !cleaned.isEmpty()) {
            return cleaned.toUpperCase(Locale.ROOT);
        }
        return null;
    }

    /**
     * The output value: the canonical value when {@code raw} maps to one, else the cleaned original
     * upper-cased (so an invalid value stays visible in the file). Null stays null.
     */
    public String normalize(Object raw) {
        if (raw == null) {
            return null;
        }
        String c = canonical(raw);
        if (c != null) {
            return c;
        }
        String s = raw instanceof String ? (String) raw : String.valueOf(raw);
        return TextCleaner.clean(s).toUpperCase(Locale.ROOT);
    }

    /**
     * Every lower-case spelling that maps to {@code canonical} (the value itself and its aliases),
     * sorted: what a SQL filter compares {@code LOWER(TRIM(column))} against. Empty when not declared.
     */
    public Set<String> lowerCaseSpellings(String canonical) {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, String> e : lower.entrySet()) {
            if (e.getValue().equals(canonical)) {
                out.add(e.getKey());
            }
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    /** The default aliases for these values: empty unless they look like log levels. */
    static Map<String, String> defaultAliases(List<String> values) {
        Set<String> upper = new LinkedHashSet<>();
        for (String v : values) {
            upper.add(v.toUpperCase(Locale.ROOT));
        }
        boolean levelLike = upper.contains("INFO")
                && (upper.contains("WARN") || upper.contains("WARNING") || upper.contains("ERROR"));
        if (!levelLike) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        for (List<String> group : DEFAULT_SYNONYMS) {
            String declared = null;
            int count = 0;
            for (String member : group) {
                for (String v : values) {
                    if (v.equalsIgnoreCase(member)) {
                        declared = v;
                        count++;
                    }
                }
            }
            if (count != 1) {
                continue;
            }
            for (String member : group) {
                if (!member.equalsIgnoreCase(declared)) {
                    out.put(member.toLowerCase(Locale.ROOT), declared);
                }
            }
        }
        return out;
    }

    private static void putUnambiguous(Map<String, String> map, Set<String> ambiguous, String key, String target) {
        if (ambiguous.contains(key)) {
            return;
        }
        String prev = map.putIfAbsent(key, target);
        if (prev != null && !prev.equals(target)) {
            map.remove(key);
            ambiguous.add(key);
        }
    }
}
