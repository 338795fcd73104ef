package org.autodiff4j.expr;

import java.util.List;

/** Left-aligned text columns for the traces' {@code toTable()}. */
final class Table {

    private Table() {
    }

    /** The rows with every column padded to its widest cell, two spaces apart, trailing spaces trimmed. */
    static String render(List<String[]> rows) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                line.append(r[c]).append(" ".repeat(width[c] - r[c].length() + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /**
     * {@code 6} for whole numbers, else the shortest exact decimal ({@code 0.9092974268256817}).
     * NOTE: -0.0 shows as {@code 0}: {@code cos(2) * 0} is -0.0 in IEEE arithmetic, and a sign on a
     * zero tangent or adjoint would only puzzle a reader of the table (the JSON keeps it).
     */
    static String number(double x) {
        return x == 0 ? "0" : ProgramBuilder.spell(x);
    }
}
