package com.exportservice.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The declared data types, in file order. Immutable. */
public final class DataTypes {
    private final Map<String, DataType> byName;

    public DataTypes(Collection<DataType> types) {
        Map<String, DataType> m = new LinkedHashMap<>();
        for (DataType t : types) {
            m.put(t.name(), t);
        }
        this.byName = java.util.Collections.unmodifiableMap(m);
    }

    public Optional<DataType> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<DataType> all() {
        return byName.values();
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }
}
