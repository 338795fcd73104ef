package org.autodiff4j.optim;

import static org.autodiff4j.optim.FlatParameters.dot;
import static org.autodiff4j.optim.FlatParameters.maxAbs;

import java.util.function.DoubleFunction;

/**
 * A line search for a step t along d satisfying the strong Wolfe conditions
 * {@code f(t) <= f(0) + c1 t f'(0)} and {@code |f'(t)| <= c2 |f'(0)|} (Nocedal and Wright,
 * algorithms 3.5 and 3.6), ported from PyTorch's {@code _strong_wolfe}: bracketing with cubic
 * extrapolation, then zooming with safeguarded cubic interpolation. c1 = 1e-4, c2 = 0.9, at most 25
 * evaluations.
 */
final class StrongWolfe {

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_LS = 25;

    private StrongWolfe() {
    }

    /** The step found, with the loss and gradient there and the evaluations made. */
    record Result(double f, double[] g, double t, int evaluations) {
    }

    /**
     * Searches from step {@code t} along {@code d}, starting at loss {@code f}, gradient {@code g}
     * and directional derivative {@code gtd}; {@code eval} gives the loss and gradient at a step.
     */
    static Result search(DoubleFunction<FlatParameters.Evaluation> eval, double t, double[] d, double f, double[] g,
                         double gtd, double toleranceChange) {
        double dNorm = maxAbs(d);
        FlatParameters.Evaluation e = eval.apply(t);
        double fNew = e.loss();
        double[] gNew = e.grad();
        int evals = 1;
        double gtdNew = dot(gNew, d);
        double tPrev = 0;
        double fPrev = f;
        double[] gPrev = g;
        double gtdPrev = gtd;
        boolean done = false;
        int lsIter = 0;
        double[] bracket = null;
        double[] bracketF = null;
        double[][] bracketG = null;
        double[] bracketGtd = null;
        while (lsIter < MAX_LS) {
            boolean sufficientDecrease = !(fNew > f + C1 * t * gtd || (lsIter > 1 && fNew >= fPrev));
            boolean curvature = Math.abs(gtdNew) <= -C2 * gtd;
            if (!sufficientDecrease || (!curvature && gtdNew >= 0)) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new double[][] {gPrev, gNew};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            if (curvature) {
                bracket = new double[] {t, t};
                bracketF = new double[] {fNew, fNew};
                bracketG = new double[][] {gNew, gNew};
                bracketGtd = new double[] {gtdNew, gtdNew};
                done = true;
                break;
            }
            double minStep = t + 0.01 * (t - tPrev);
            double maxStep = t * 10;
            double tmp = t;
            t = cubicMinimum(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
            tPrev = tmp;
            fPrev = fNew;
            gPrev = gNew;
            gtdPrev = gtdNew;
            e = eval.apply(t);
            fNew = e.loss();
            gNew = e.grad();
            evals++;
            gtdNew = dot(gNew, d);
            lsIter++;
        }
        if (lsIter == MAX_LS) {
            bracket = new double[] {0, t};
            bracketF = new double[] {f, fNew};
            bracketG = new double[][] {g, gNew};
            bracketGtd = new double[] {gtd, gtdNew};
        }
        // zoom
        boolean insufficientProgress = false;
        int low = bracketF[0] <= bracketF[1] ? 0 : 1;
        int high = 1 - low;
        while (!done && lsIter < MAX_LS) {
            if (Math.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange) {
                break;
            }
            double lo = Math.min(bracket[0], bracket[1]);
            double hi = Math.max(bracket[0], bracket[1]);
            t = cubicMinimum(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1], lo, hi);
            // NOTE: PyTorch's safeguard: a trial within 10% of the bracket's ends twice in a row (or
            // outside it) is moved to 10% inside, so the bracket keeps shrinking.
            double eps = 0.1 * (hi - lo);
            if (Math.min(hi - t, t - lo) < eps) {
                if (insufficientProgress || t >= hi || t <= lo) {
                    t = Math.abs(t - hi) < Math.abs(t - lo) ? hi - eps : lo + eps;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }
            e = eval.apply(t);
            fNew = e.loss();
            gNew = e.grad();
            evals++;
            gtdNew = dot(gNew, d);
            lsIter++;
            if (fNew > f + C1 * t * gtd || fNew >= bracketF[low]) {
                bracket[high] = t;
                bracketF[high] = fNew;
                bracketG[high] = gNew;
                bracketGtd[high] = gtdNew;
                low = bracketF[0] <= bracketF[1] ? 0 : 1;
                high = 1 - low;
            } else {
                if (Math.abs(gtdNew) <= -C2 * gtd) {
                    done = true;
                } else if (gtdNew * (bracket[high] - bracket[low]) >= 0) {
                    bracket[high] = bracket[low];
                    bracketF[high] = bracketF[low];
                    bracketG[high] = bracketG[low];
                    bracketGtd[high] = bracketGtd[low];
                }
                bracket[low] = t;
                bracketF[low] = fNew;
                bracketG[low] = gNew;
                bracketGtd[low] = gtdNew;
            }
        }
        return new Result(bracketF[low], bracketG[low], bracket[low], evals);
    }

    /**
     * The minimizer, within {@code [lo, hi]}, of the cubic through (x1, f1) and (x2, f2) with slopes
     * g1 and g2 (Nocedal and Wright, equation 3.59); the middle of the bounds when it has none.
     */
    static double cubicMinimum(double x1, double f1, double g1, double x2, double f2, double g2, double lo, double hi) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double min = x1 <= x2
                    ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return Math.min(Math.max(min, lo), hi);
        }
        return (lo + hi) / 2;
    }
}
