package com.exportservice.engine;

import com.exportservice.config.DataType;
import com.exportservice.config.DataTypes;
import com.exportservice.config.FieldDef;
import com.exportservice.request.ExportConfig;
import com.exportservice.request.FilterCondition;
import com.exportservice.request.FilterOperator;
import com.exportservice.request.InvalidExportConfigException;
import com.exportservice.request.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * Narrows a preview to one record by its key ({@code POST /api/exports/preview?id=}): an {@code eq} condition
 * on the field of each data type's id column, checked like any filter value. The key is what a validation
 * report's {@code example_ids} hold, so a person can look at a record that failed a rule.
 */
final class PreviewById {
    /** As long as a key may be in the store's text form. */
    static final int MAX_ID_LENGTH = 1000;

    private PreviewById() {
    }

    static ExportConfig narrow(ExportConfig config, String id, DataTypes dataTypes) {
        List<Problem> problems = new ArrayList<>();
        List<FilterCondition> filters = new ArrayList<>(config.filters());
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new InvalidExportConfigException(List.of(new Problem("id", "give a record key of 1 to " + MAX_ID_LENGTH + " characters")));
        }
        for (String name : config.dataTypes()) {
            DataType type = dataTypes.get(name).orElseThrow();
            FieldDef key = type.fieldByColumn(type.idColumn()).orElse(null);
            if (key == null) {
                problems.add(new Problem("id", "data type '" + name + "' has no field for its key column, so no record can be looked up by id"));
                continue;
            }
            FilterCondition byId = new FilterCondition(key.name(), FilterOperator.EQ, List.of(id));
            try {
                byId.valuesFor(key);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("id", "not a key of data type '" + name + "' (" + key.type().yamlName() + "): " + id));
                continue;
            }
            filters.add(byId);
        }
        if (!problems.isEmpty()) {
            throw new InvalidExportConfigException(problems);
        }
        return new ExportConfig(config.dataTypes(), config.startDate(), config.endDate(), filters, config.batchSize(),
                config.includeMetadata(), config.outputFormat(), config.compression(), config.name(), config.onInvalid());
    }
}
