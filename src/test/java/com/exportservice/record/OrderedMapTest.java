package com.exportservice.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The metadata map behaves as the LinkedHashMap it replaces: same order, same values, same answers. */
class OrderedMapTest {

    @Test
    void should_keep_the_first_place_of_a_key_and_its_last_value() {
        OrderedMap m = new OrderedMap(1);
        m.put("a", 1);
        m.put("b", 2);
        m.put("a", 3);
        assertThat(m.putIfAbsent("b", 9)).isEqualTo(2);
        assertThat(m.putIfAbsent("c", 4)).isNull();
        assertThat(new ArrayList<>(m.keySet())).containsExactly("a", "b", "c");
        assertThat(m).isEqualTo(Map.of("a", 3, "b", 2, "c", 4));
        assertThat(m.keyAt(2)).isEqualTo("c");
        assertThat(m.valueAt(0)).isEqualTo(3);
    }

    /** Operations: put, putIfAbsent or remove of one of 40 keys, so maps grow past the hash index's threshold. */
    @Property(tries = 500)
    void should_answer_as_a_linked_hash_map(@ForAll("operations") List<int[]> ops) {
        OrderedMap m = new OrderedMap(2);
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int[] op : ops) {
            String key = "k" + op[1];
            Object value = op[2] == 0 ? null : op[2];
            switch (op[0]) {
                case 0 -> assertThat(m.put(key, value)).isEqualTo(expected.put(key, value));
                case 1 -> assertThat(m.putIfAbsent(key, value)).isEqualTo(expected.putIfAbsent(key, value));
                case 2 -> assertThat(m.remove(key)).isEqualTo(expected.remove(key));
                default -> {
                    Iterator<Map.Entry<String, Object>> it = m.entrySet().iterator();
                    expected.entrySet().removeIf(e -> e.getKey().equals(key));
                    while (it.hasNext()) {
                        if (it.next().getKey().equals(key)) {
                            it.remove();
                        }
                    }
                }
            }
            assertThat(m.get(key)).isEqualTo(expected.get(key));
            assertThat(m.containsKey(key)).isEqualTo(expected.containsKey(key));
        }
        assertThat(new ArrayList<>(m.entrySet())).isEqualTo(new ArrayList<>(expected.entrySet()));
        assertThat(m).isEqualTo(expected).hasSameHashCodeAs(expected);
        List<String> byIndex = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            byIndex.add(m.keyAt(i) + "=" + m.valueAt(i));
        }
        assertThat(byIndex).isEqualTo(expected.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    @Provide
    Arbitrary<List<int[]>> operations() {
        Arbitrary<int[]> op = Arbitraries.integers().between(0, 9).flatMap(kind -> Arbitraries.integers().between(0, 39)
                .flatMap(key -> Arbitraries.integers().between(0, 5)
                        .map(value -> new int[] {kind < 4 ? 0 : kind < 7 ? 1 : kind < 9 ? 2 : 3, key, value})));
        return op.list().ofMaxSize(120);
    }
}
