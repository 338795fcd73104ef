package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Seeded random unions, small (merged at once) and large (merged lazily, with shared parts), against TreeSet. */
class IndexSetProperties {

    @Test
    void unionsHoldExactlyTheElementsOfTheirParts() {
        SplittableRandom rng = new SplittableRandom(64);
        for (int c = 0; c < 200; c++) {
            List<IndexSet> sets = new ArrayList<>();
            List<TreeSet<Integer>> expected = new ArrayList<>();
            sets.add(IndexSet.EMPTY);
            expected.add(new TreeSet<>());
            int n = 1 + rng.nextInt(300);
            for (int step = 0; step < 400; step++) {
                if (rng.nextInt(3) == 0) {
                    int i = rng.nextInt(n);
                    sets.add(IndexSet.of(i));
                    expected.add(new TreeSet<>(List.of(i)));
                } else {
                    int a = rng.nextInt(sets.size());
                    int b = rng.nextInt(sets.size());
                    sets.add(IndexSet.union(sets.get(a), sets.get(b)));
                    TreeSet<Integer> u = new TreeSet<>(expected.get(a));
                    u.addAll(expected.get(b));
                    expected.add(u);
                }
                if (rng.nextInt(10) == 0) { // ask for the elements of some set midway: later unions reuse it merged
                    int k = rng.nextInt(sets.size());
                    assertThat(sets.get(k).elements()).containsExactly(expected.get(k).stream().mapToInt(Integer::intValue).toArray());
                }
            }
            for (int k = sets.size() - 1; k >= 0; k--) {
                assertThat(sets.get(k).elements()).containsExactly(expected.get(k).stream().mapToInt(Integer::intValue).toArray());
                assertThat(sets.get(k).isEmpty()).isEqualTo(expected.get(k).isEmpty());
            }
        }
    }

    @Test
    void aLongSumMergesWithoutDeepRecursion() {
        IndexSet s = IndexSet.EMPTY;
        for (int i = 0; i < 200_000; i++) {
            s = IndexSet.union(s, IndexSet.of(i));
        }
        assertThat(s.elements()).hasSize(200_000);
    }
}
