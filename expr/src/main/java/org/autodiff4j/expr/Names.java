package org.autodiff4j.expr;

import java.util.ArrayList;
import java.util.List;

import org.autodiff4j.Op;

/** The reserved names of the language (the registry's symbols, {@code if}, {@code pi}, {@code e}) and close-match hints. */
final class Names {

    private Names() {
    }

    /** {@code " (did you mean 'sin'?)"} for {@code "sinn"}, or {@code ""} when nothing is close. */
    static String suggestion(String name) {
        List<String> known = new ArrayList<>();
        for (Op op : Op.values()) {
            known.add(op.symbol());
        }
        known.add("if");
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        // NOTE: at most 2 edits, and fewer than the name's length, so "f" does not suggest "if".
        return bestDistance <= 2 && bestDistance < name.length() ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
