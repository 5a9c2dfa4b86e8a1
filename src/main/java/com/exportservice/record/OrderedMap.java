package com.exportservice.record;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The insertion-ordered map of a record's metadata and of the JSON objects in it: keys and values in two
 * arrays, looked up by a scan while small (a record's metadata holds about ten keys, its JSON objects
 * fewer), by a hash index from {@value #INDEX_FROM} keys on. What a {@code LinkedHashMap} would give
 * (order of first insertion, {@code put} keeps a key's place), for an object and two arrays per map
 * rather than a node per entry and a table, and written out by index ({@link #keyAt}, {@link #valueAt})
 * without an iterator. Not thread-safe: it belongs to one record.
 */
public final class OrderedMap extends AbstractMap<String, Object> {
    /** From this many keys on, lookups go through a hash index instead of a scan. */
    static final int INDEX_FROM = 16;

    private String[] keys;
    private Object[] values;
    private int size;
    /** Key to position, once the map has {@link #INDEX_FROM} keys; null before. */
    private HashMap<String, Integer> index;

    public OrderedMap() {
        this(8);
    }

    public OrderedMap(int capacity) {
        keys = new String[Math.max(capacity, 1)];
        values = new Object[keys.length];
    }

    @Override
    public int size() {
        return size;
    }

    /** The key at a position, in insertion order. */
    public String keyAt(int i) {
        return keys[i];
    }

    /** The value at a position, in insertion order. */
    public Object valueAt(int i) {
        return values[i];
    }

    private int indexOf(Object key) {
        if (index != null) {
            Integer at = index.get(key);
            return at == null ? -1 : at;
        }
        if (!(key instanceof String s)) {
            return -1;
        }
        // keys are mostly the same few instances (parser, KeyNames): their hash is computed once and kept
        int h = s.hashCode();
        for (int i = 0; i < size; i++) {
            String k = keys[i];
            if (k == s || (k.hashCode() == h && k.equals(s))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    /** Sets the key's value; a new key goes last, a known one keeps its place. Null keys are refused. */
    @Override
    public Object put(String key, Object value) {
        int i = indexOf(key);
        if (i >= 0) {
            Object old = values[i];
            values[i] = value;
            return old;
        }
        append(key, value);
        return null;
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        int i = indexOf(key);
        if (i < 0) {
            append(key, value);
            return null;
        }
        Object old = values[i];
        if (old == null) {
            values[i] = value;
        }
        return old;
    }

    @Override
    public void putAll(Map<? extends String, ?> m) {
        if (m instanceof OrderedMap o) {
            for (int i = 0; i < o.size; i++) {
                put(o.keys[i], o.values[i]);
            }
        } else {
            super.putAll(m);
        }
    }

    private void append(String key, Object value) {
        if (key == null) {
            throw new NullPointerException("a metadata key");
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        if (index != null) {
            index.put(key, size - 1);
        } else if (size == INDEX_FROM) {
            reindex();
        }
    }

    @Override
    public Object remove(Object key) {
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        Object old = values[i];
        removeAt(i);
        return old;
    }

    private void removeAt(int i) {
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        keys[size] = null;
        values[size] = null;
        if (index != null) {
            reindex();
        }
    }

    private void reindex() {
        index = size < INDEX_FROM ? null : new HashMap<>(size * 2);
        if (index != null) {
            for (int i = 0; i < size; i++) {
                index.put(keys[i], i);
            }
        }
    }

    @Override
    public void clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        index = null;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private int last = -1;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        return new Slot(last);
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        removeAt(last);
                        next = last;
                        last = -1;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** An entry that reads and writes its position in the map. */
    private final class Slot implements Entry<String, Object> {
        private final int at;

        Slot(int at) {
            this.at = at;
        }

        @Override
        public String getKey() {
            return keys[at];
        }

        @Override
        public Object getValue() {
            return values[at];
        }

        @Override
        public Object setValue(Object value) {
            Object old = values[at];
            values[at] = value;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry<?, ?> e && java.util.Objects.equals(getKey(), e.getKey())
                    && java.util.Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(getKey()) ^ java.util.Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return getKey() + "=" + getValue();
        }
    }
}
