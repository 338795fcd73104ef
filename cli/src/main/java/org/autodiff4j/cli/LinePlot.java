package org.autodiff4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Line charts drawn into a PNG, for {@code autodiff check --plot} (error against step on log axes)
 * and {@code autodiff train} (loss and accuracy per epoch). Several charts stack vertically in one
 * image.
 *
 * <pre>{@code
 * LinePlot.Chart c = new LinePlot.Chart("loss", "epoch", false, false,
 *         List.of(new LinePlot.Series("train", new double[] {1, 2}, new double[] {0.9, 0.5})));
 * LinePlot.write(Path.of("curves.png"), List.of(c));
 * }</pre>
 */
final class LinePlot {

    private static final int WIDTH = 720;
    private static final int CHART_HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    /** Values below this are drawn at it on a log axis, which has no 0 (an exact difference, say). */
    private static final double LOG_FLOOR = 1e-18;
    private static final Color[] COLORS = {new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd)};
    private static final Color GRID = new Color(0xeeeeee);

    private LinePlot() {
    }

    /** One named line: points {@code (x[i], y[i])}. */
    record Series(String name, double[] x, double[] y) {
    }

    /** One chart: a title, the x axis' name, which axes are logarithmic, and its lines. */
    record Chart(String title, String xLabel, boolean logX, boolean logY, List<Series> series) {
    }

    /** Writes {@code charts}, one under the other, to {@code file} as a PNG. */
    static void write(Path file, List<Chart> charts) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, CHART_HEIGHT * charts.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i < charts.size(); i++) {
                draw(g, charts.get(i), i * CHART_HEIGHT);
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    private static void draw(Graphics2D g, Chart chart, int top) {
        Axis x = Axis.of(chart.series(), true, chart.logX());
        Axis y = Axis.of(chart.series(), false, chart.logY());
        int plotTop = top + TOP;
        int plotBottom = top + CHART_HEIGHT - BOTTOM;
        for (int k = 0; k <= 5; k++) {
            double vx = x.low + (x.high - x.low) * k / 5;
            double vy = y.low + (y.high - y.low) * k / 5;
            int px = px(x, vx);
            int py = py(y, vy, plotTop, plotBottom);
            g.setColor(GRID);
            g.drawLine(px, plotTop, px, plotBottom);
            g.drawLine(LEFT, py, WIDTH - RIGHT, py);
            g.setColor(Color.DARK_GRAY);
            String lx = x.label(vx);
            g.drawString(lx, px - g.getFontMetrics().stringWidth(lx) / 2, plotBottom + 16);
            String ly = y.label(vy);
            g.drawString(ly, LEFT - 6 - g.getFontMetrics().stringWidth(ly), py + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, plotTop, WIDTH - LEFT - RIGHT, plotBottom - plotTop);
        g.drawString(chart.title(), LEFT, plotTop - 12);
        g.drawString(chart.xLabel(), (LEFT + WIDTH - RIGHT) / 2 - g.getFontMetrics().stringWidth(chart.xLabel()) / 2, plotBottom + 36);
        for (int s = 0; s < chart.series().size(); s++) {
            Series series = chart.series().get(s);
            Color color = COLORS[s % COLORS.length];
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < series.x().length; i++) {
                double px = px(x, x.map(series.x()[i]));
                double py = py(y, y.map(series.y()[i]), plotTop, plotBottom);
                if (i == 0) {
                    path.moveTo(px, py);
                } else {
                    path.lineTo(px, py);
                }
            }
            g.setColor(color);
            g.setStroke(new BasicStroke(2f));
            g.draw(path);
            g.setStroke(new BasicStroke(1f));
            if (series.x().length <= 60) {
                for (int i = 0; i < series.x().length; i++) {
                    g.fillOval(px(x, x.map(series.x()[i])) - 3, py(y, y.map(series.y()[i]), plotTop, plotBottom) - 3, 7, 7);
                }
            }
            int lx = WIDTH - RIGHT - 190;
            int ly = plotTop + 20 + 18 * s;
            g.fillRect(lx, ly - 8, 20, 4);
            g.setColor(Color.BLACK);
            g.drawString(series.name(), lx + 26, ly - 2);
        }
    }

    private static int px(Axis x, double v) {
        return (int) Math.round(LEFT + (v - x.low) / (x.high - x.low) * (WIDTH - LEFT - RIGHT));
    }

    private static int py(Axis y, double v, int top, int bottom) {
        return (int) Math.round(bottom - (v - y.low) / (y.high - y.low) * (bottom - top));
    }

    /** An axis' range in plotted units (log10 of the value on a log axis). */
    private record Axis(double low, double high, boolean log) {

        static Axis of(List<Series> series, boolean horizontal, boolean log) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (Series s : series) {
                for (double v : horizontal ? s.x() : s.y()) {
                    double m = log ? Math.log10(Math.max(v, LOG_FLOOR)) : v;
                    if (Double.isFinite(m)) {
                        low = Math.min(low, m);
                        high = Math.max(high, m);
                    }
                }
            }
            if (!(low <= high)) {
                low = 0;
                high = 1;
            }
            if (log) {
                low = Math.floor(low);
                high = Math.ceil(high);
            }
            if (high - low < 1e-12) {
                high = low + 1;
            }
            return new Axis(low, high, log);
        }

        double map(double v) {
            return log ? Math.log10(Math.max(v, LOG_FLOOR)) : v;
        }

        String label(double plotted) {
            return log ? String.format(Locale.ROOT, "1e%.1f", plotted).replace(".0", "") : String.format(Locale.ROOT, "%.3g", plotted);
        }
    }
}
