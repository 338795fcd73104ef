package org.autodiff4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Json writes what JsonReader reads back, including awkward strings and non-finite numbers. */
class JsonTest {

    @Test
    void writesAndReadsBack() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote \" backslash \\ newline \n tab \t control \u0001 unicode \u00e9");
        m.put("n", -1.5e-300);
        m.put("list", List.of(1.0, "two", true, false));
        m.put("nothing", null);
        m.put("nan", Double.NaN);
        m.put("inf", Double.NEGATIVE_INFINITY);
        Object back = JsonReader.read(Json.write(m));
        Map<String, Object> expected = new LinkedHashMap<>(m);
        expected.put("nan", "NaN");
        expected.put("inf", "-Infinity");
        assertThat(back).isEqualTo(expected);
    }

    @Test
    void randomDoublesSurviveTheRoundTrip() {
        Random rng = new Random(7);
        for (int i = 0; i < 2000; i++) {
            double d = Double.longBitsToDouble(rng.nextLong());
            if (!Double.isFinite(d)) {
                continue;
            }
            assertThat(JsonReader.read(Json.write(List.of(d)))).isEqualTo(List.of(d));
        }
    }

    @Test
    void badJsonIsAnErrorWithItsPosition() {
        assertThatThrownBy(() -> JsonReader.read("{\"a\": }")).hasMessageContaining("position 6");
        assertThatThrownBy(() -> JsonReader.read("[1, 2")).hasMessageContaining("expected ']'");
        assertThatThrownBy(() -> JsonReader.read("[".repeat(10_000))).hasMessageContaining("deeper than 64");
        assertThatThrownBy(() -> JsonReader.read("\"abc")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> JsonReader.read("1 2")).hasMessageContaining("after the JSON value");
    }
}
