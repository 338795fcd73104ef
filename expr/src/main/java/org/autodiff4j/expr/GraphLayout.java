package org.autodiff4j.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Where each step of a {@link Program} goes in a drawing of its graph: a layered layout, inputs
 * in the leftmost layer, the output alone in the rightmost, every step right of its operands, and
 * no two boxes overlapping. {@link GraphExport#svg} draws it; a web page can draw the same boxes
 * from {@link GraphExport#json}, which carries x and y.
 *
 * <p>The layer of a step is the longest path to it from an input; a constant sits one layer left
 * of its first user, so that its edge is short. Within a layer, steps are ordered by the mean
 * position of their neighbours (the barycenter heuristic of Sugiyama, Tagawa and Toda, 1981, two
 * sweeps), which removes most edge crossings of small formulas.
 *
 * <pre>{@code
 * GraphLayout layout = GraphLayout.of(Program.parse("x1*x2 + sin(x1)"));
 * layout.node(0).layer();   // 0: the input x1
 * layout.node(4).layer();   // 2: the output, alone on the right
 * }</pre>
 *
 * @param nodes  one box per step, in step order
 * @param width  the width of the drawing, margins included
 * @param height the height of the drawing, margins included
 */
public record GraphLayout(List<Node> nodes, double width, double height) {

    /** The margin around the drawing, in pixels. */
    public static final double MARGIN = 20;
    /** The horizontal space between layers, room for the edge labels. */
    public static final double LAYER_GAP = 90;
    /** The vertical space between boxes of one layer. */
    public static final double ROW_GAP = 24;
    /** The height of a box: three lines of text (the step, its value, its adjoint). */
    public static final double NODE_HEIGHT = 62;
    /** The width of one character of the monospace label font (12 px). */
    public static final double CHAR_WIDTH = 7.3;
    /** Label characters a box holds at least: room for {@code "adjoint -1.2345678901234567E-300"}. */
    private static final int MIN_CHARS = 32;

    /**
     * The box of one step.
     *
     * @param step   the step index
     * @param layer  the column, 0 for the inputs
     * @param row    the position within the layer, 0 at the top
     * @param x      the left edge
     * @param y      the top edge
     * @param width  the box's width
     * @param height the box's height
     */
    public record Node(int step, int layer, int row, double x, double y, double width, double height) {

        /** Whether this box and {@code other} share any point. */
        public boolean overlaps(Node other) {
            return x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height;
        }
    }

    /** Defensive copy. */
    public GraphLayout {
        nodes = List.copyOf(nodes);
    }

    /** The box of step {@code k}. */
    public Node node(int k) {
        return nodes.get(k);
    }

    /** The number of layers (columns): 1 + the output's layer. */
    public int layers() {
        return nodes.stream().mapToInt(Node::layer).max().orElse(-1) + 1;
    }

    /**
     * Lays out {@code program}. The boxes are all alike, wide enough for the longest step text and
     * for a value or adjoint of any double.
     */
    public static GraphLayout of(Program program) {
        List<Step> steps = program.steps();
        int n = steps.size();
        int[] layer = layers(steps);
        int layers = 0;
        for (int l : layer) {
            layers = Math.max(layers, l + 1);
        }
        List<List<Integer>> columns = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            columns.add(new ArrayList<>());
        }
        for (int k = 0; k < n; k++) {
            columns.get(layer[k]).add(k);
        }
        List<List<Integer>> users = users(steps);
        double[] position = new double[n];
        double[] key = new double[n];
        for (List<Integer> column : columns) {
            place(column, position);
        }
        // NOTE: two sweeps, left to right by operands then right to left by users, are enough for
        // formulas a person reads; more sweeps rarely change the order.
        for (int l = 1; l < layers; l++) {
            sortByBarycenter(columns.get(l), k -> steps.get(k).operands(), position, key);
            place(columns.get(l), position);
        }
        for (int l = layers - 2; l >= 0; l--) {
            sortByBarycenter(columns.get(l), users::get, position, key);
            place(columns.get(l), position);
        }
        int chars = MIN_CHARS;
        for (Step s : steps) {
            chars = Math.max(chars, s.toString().length());
        }
        double boxWidth = Math.ceil(chars * CHAR_WIDTH + 16);
        int tallest = columns.stream().mapToInt(List::size).max().orElse(0);
        double columnHeight = tallest * NODE_HEIGHT + Math.max(0, tallest - 1) * ROW_GAP;
        Node[] nodes = new Node[n];
        for (int l = 0; l < layers; l++) {
            List<Integer> column = columns.get(l);
            double used = column.size() * NODE_HEIGHT + Math.max(0, column.size() - 1) * ROW_GAP;
            double top = MARGIN + (columnHeight - used) / 2;
            for (int row = 0; row < column.size(); row++) {
                int k = column.get(row);
                nodes[k] = new Node(k, l, row, MARGIN + l * (boxWidth + LAYER_GAP), top + row * (NODE_HEIGHT + ROW_GAP),
                        boxWidth, NODE_HEIGHT);
            }
        }
        double width = 2 * MARGIN + layers * boxWidth + Math.max(0, layers - 1) * LAYER_GAP;
        return new GraphLayout(List.of(nodes), width, 2 * MARGIN + columnHeight);
    }

    /** The layer of each step: longest path from an input; a constant one left of its first user. */
    private static int[] layers(List<Step> steps) {
        int n = steps.size();
        int[] layer = new int[n];
        for (Step s : steps) {
            if (s.kind() == Step.Kind.INPUT || s.kind() == Step.Kind.CONSTANT) {
                continue;
            }
            int l = 0;
            for (int a : s.operands()) {
                if (steps.get(a).kind() != Step.Kind.CONSTANT) {
                    l = Math.max(l, layer[a]);
                }
            }
            layer[s.index()] = l + 1;
        }
        int[] firstUse = new int[n];
        Arrays.fill(firstUse, Integer.MAX_VALUE);
        for (Step s : steps) {
            for (int a : s.operands()) {
                firstUse[a] = Math.min(firstUse[a], layer[s.index()]);
            }
        }
        for (Step s : steps) {
            if (s.kind() == Step.Kind.CONSTANT) {
                layer[s.index()] = firstUse[s.index()] == Integer.MAX_VALUE ? 0 : firstUse[s.index()] - 1;
            }
        }
        return layer;
    }

    private static List<List<Integer>> users(List<Step> steps) {
        List<List<Integer>> users = new ArrayList<>();
        for (int k = 0; k < steps.size(); k++) {
            users.add(new ArrayList<>());
        }
        for (Step s : steps) {
            for (int a : s.operands()) {
                users.get(a).add(s.index());
            }
        }
        return users;
    }

    /** Each step's position in its column: its row, centred so that columns of different heights line up. */
    private static void place(List<Integer> column, double[] position) {
        for (int row = 0; row < column.size(); row++) {
            position[column.get(row)] = row - (column.size() - 1) / 2.0;
        }
    }

    private static void sortByBarycenter(List<Integer> column, IntFunction<List<Integer>> neighbours,
                                         double[] position, double[] key) {
        for (int k : column) {
            List<Integer> near = neighbours.apply(k);
            double sum = 0;
            for (int j : near) {
                sum += position[j];
            }
            key[k] = near.isEmpty() ? position[k] : sum / near.size();
        }
        // A stable sort: ties keep the current order, so the layout is deterministic.
        column.sort(Comparator.comparingDouble(k -> key[k]));
    }
}
