package com.exportservice.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportRecordTest {

    @Test
    void should_give_back_the_parsed_json_kept_for_each_field() {
        ExportRecord r = new ExportRecord(new Object[4], 1L);
        assertThat(r.parsedJson(1)).isSameAs(ExportRecord.NOT_PARSED);
        Map<String, Object> first = Map.of("a", 1);
        r.keepParsedJson(1, first);
        r.keepParsedJson(3, null); // the JSON literal null
        r.keepParsedJson(2, "s");
        assertThat(r.parsedJson(1)).isSameAs(first);
        assertThat(r.parsedJson(3)).isNull();
        assertThat(r.parsedJson(2)).isEqualTo("s");
        assertThat(r.parsedJson(0)).isSameAs(ExportRecord.NOT_PARSED);
        r.keepParsedJson(1, "again");
        assertThat(r.parsedJson(1)).isEqualTo("again");
        r.dropParsedJson();
        for (int i = 0; i < 4; i++) {
            assertThat(r.parsedJson(i)).isSameAs(ExportRecord.NOT_PARSED);
        }
    }

    @Test
    void should_make_the_metadata_map_of_its_json_text_once_for_a_reader_that_asks() {
        ExportRecord r = new ExportRecord(new Object[1], 1L);
        int[] parses = {0};
        r.setMetadataJson("{\"k\":\"v\"}", json -> {
            parses[0]++;
            return Map.of("k", "v");
        });
        assertThat(parses[0]).isZero(); // the writers take the text: no map unless asked
        assertThat(r.metadataJson()).isEqualTo("{\"k\":\"v\"}");
        assertThat(r.metadata()).isEqualTo(Map.of("k", "v"));
        assertThat(r.metadata()).isSameAs(r.metadata());
        assertThat(parses[0]).isEqualTo(1);
        r.setMetadata(Map.of("other", 1));
        assertThat(r.metadataJson()).isNull(); // the map set last is the metadata
        assertThat(r.metadata()).isEqualTo(Map.of("other", 1));
    }
}
