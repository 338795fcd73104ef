package org.autodiff4j.cli;

/**
 * Plain-text tables with aligned columns, for the commands' readable output.
 *
 * <pre>{@code
 * TextTable.render(new String[] {"h", "error"}, new String[][] {{"0.1", "3e-3"}});
 * // h    error
 * // 0.1  3e-3
 * }</pre>
 */
final class TextTable {

    private TextTable() {
    }

    /** The rows (and the header, if not null) with columns padded to equal width, two spaces apart. */
    static String render(String[] header, String[][] rows) {
        int columns = header != null ? header.length : rows.length == 0 ? 0 : rows[0].length;
        int[] width = new int[columns];
        if (header != null) {
            widen(width, header);
        }
        for (String[] row : rows) {
            widen(width, row);
        }
        StringBuilder out = new StringBuilder();
        if (header != null) {
            line(out, width, header);
        }
        for (String[] row : rows) {
            line(out, width, row);
        }
        return out.toString();
    }

    private static void widen(int[] width, String[] row) {
        for (int c = 0; c < row.length && c < width.length; c++) {
            width[c] = Math.max(width[c], row[c].length());
        }
    }

    private static void line(StringBuilder out, int[] width, String[] row) {
        StringBuilder line = new StringBuilder("  ");
        for (int c = 0; c < row.length; c++) {
            line.append(row[c]);
            if (c + 1 < row.length) {
                line.append(" ".repeat(width[c] - row[c].length() + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
