package org.autodiff4j;

/**
 * Special functions that {@link Math} lacks, in full double precision.
 *
 * <p>{@link #erf(double)} follows the piecewise scheme of Sun's fdlibm {@code s_erf.c} (as shipped
 * in FreeBSD's {@code lib/msun/src/s_erf.c}, version 5.1 93/09/24), and its polynomial and
 * rational coefficients are fdlibm's, carried over bit for bit. The fdlibm source carries this
 * notice, preserved here as it asks:
 *
 * <blockquote>
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at SunPro, a Sun
 * Microsystems, Inc. business. Permission to use, copy, modify, and distribute this software is
 * freely granted, provided that this notice is preserved.
 * </blockquote>
 */
final class Special {

    private Special() {}

    // --- |x| < 0.84375: erf(x) = x + x * P(x^2) / Q(x^2) -------------------------------------
    // Writing erf as x plus a correction keeps the leading term exact; since 2/sqrt(pi) ~ 1.128,
    // the correction is only ~13% of x and its rounding error is damped by that factor.

    /** {@code 2/sqrt(pi) - 1}, for the first term of the Maclaurin series when x is tiny. */
    private static final double EFX = 1.28379167095512586316e-01;
    /** {@code 8 * EFX}, for the subnormal range where {@code EFX * x} would lose bits. */
    private static final double EFX8 = 1.02703333676410069053e+00;

    private static final double PP0 = 1.28379167095512558561e-01;
    private static final double PP1 = -3.25042107247001499370e-01;
    private static final double PP2 = -2.84817495755985104766e-02;
    private static final double PP3 = -5.77027029648944159157e-03;
    private static final double PP4 = -2.37630166566501626084e-05;
    private static final double QQ1 = 3.97917223959155352819e-01;
    private static final double QQ2 = 6.50222499887672944485e-02;
    private static final double QQ3 = 5.08130628187576562776e-03;
    private static final double QQ4 = 1.32494738004321644526e-04;
    private static final double QQ5 = -3.96022827877536812320e-06;

    // --- 0.84375 <= |x| < 1.25: erf(x) = ERX + P1(s) / Q1(s), s = |x| - 1 --------------------
    // Expanding around 1 keeps the rational part below 0.078, so almost all of the value sits in
    // the exact constant ERX and the rounding error of the quotient hardly shows.

    /** erf(1) = 0.84506291151... rounded to 24 bits, so that adding to it is nearly exact. */
    private static final double ERX = 8.45062911510467529297e-01;

    private static final double PA0 = -2.36211856075265944077e-03;
    private static final double PA1 = 4.14856118683748331666e-01;
    private static final double PA2 = -3.72207876035701323847e-01;
    private static final double PA3 = 3.18346619901161753674e-01;
    private static final double PA4 = -1.10894694282396677476e-01;
    private static final double PA5 = 3.54783043256182359371e-02;
    private static final double PA6 = -2.16637559486879084300e-03;
    private static final double QA1 = 1.06420880400844228286e-01;
    private static final double QA2 = 5.40397917702171048937e-01;
    private static final double QA3 = 7.18286544141962662868e-02;
    private static final double QA4 = 1.26171219808761642112e-01;
    private static final double QA5 = 1.36370839120290507362e-02;
    private static final double QA6 = 1.19844998467991074170e-02;

    // --- 1.25 <= |x| < 6: erf(x) = 1 - erfc(x),
    //     erfc(x) = exp(-x^2 - 0.5625 + R(1/x^2) / S(1/x^2)) / x
    // From the asymptotic series erfc(x) ~ exp(-x^2) / (x sqrt(pi)) * (1 + poly(1/x^2)); the
    // rational function fits log(x erfc(x)) + x^2 + 0.5625, which is smooth in 1/x^2.

    /** Where the second (larger-|x|) fit of erfc takes over: 1/0.35 rounded to 21 bits. */
    private static final double ERFC_SPLIT = 0x1.6db6ep+1;

    // 1.25 <= |x| < 1/0.35
    private static final double RA0 = -9.86494403484714822705e-03;
    private static final double RA1 = -6.93858572707181764372e-01;
    private static final double RA2 = -1.05586262253232909814e+01;
    private static final double RA3 = -6.23753324503260060396e+01;
    private static final double RA4 = -1.62396669462573470355e+02;
    private static final double RA5 = -1.84605092906711035994e+02;
    private static final double RA6 = -8.12874355063065934246e+01;
    private static final double RA7 = -9.81432934416914548592e+00;
    private static final double SA1 = 1.96512716674392571292e+01;
    private static final double SA2 = 1.37657754143519042600e+02;
    private static final double SA3 = 4.34565877475229228821e+02;
    private static final double SA4 = 6.45387271733267880336e+02;
    private static final double SA5 = 4.29008140027567833386e+02;
    private static final double SA6 = 1.08635005541779435134e+02;
    private static final double SA7 = 6.57024977031928170135e+00;
    private static final double SA8 = -6.04244152148580987438e-02;

    // 1/0.35 <= |x| < 6
    private static final double RB0 = -9.86494292470009928597e-03;
    private static final double RB1 = -7.99283237680523006574e-01;
    private static final double RB2 = -1.77579549177547519889e+01;
    private static final double RB3 = -1.60636384855821916062e+02;
    private static final double RB4 = -6.37566443368389627722e+02;
    private static final double RB5 = -1.02509513161107724954e+03;
    private static final double RB6 = -4.83519191608651397019e+02;
    private static final double SB1 = 3.03380607434824582924e+01;
    private static final double SB2 = 3.25792512996573918826e+02;
    private static final double SB3 = 1.53672958608443695994e+03;
    private static final double SB4 = 3.19985821950859553908e+03;
    private static final double SB5 = 2.55305040643316442583e+03;
    private static final double SB6 = 4.74528541206955367215e+02;
    private static final double SB7 = -2.24409524465858183362e+01;

    /**
     * The error function, {@code erf(x) = 2/sqrt(pi) * integral from 0 to x of exp(-t^2) dt}.
     *
     * <p>Accurate to about one ulp over the whole line. Exactly odd ({@code erf(-x) == -erf(x)},
     * including {@code erf(-0.0) == -0.0}); {@code erf(+-infinity) == +-1}; {@code erf(NaN)} is
     * NaN; and {@code erf(x) == 1.0} exactly for {@code x >= 6}, where {@code 1 - erf(x)} is
     * below 2.2e-17, under half the spacing of doubles just below 1 (2^-54).
     *
     * @param x any double
     * @return erf(x), in [-1, 1]
     */
    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        // NOTE: evaluating on |x| and restoring the sign at the end makes odd symmetry exact by
        // construction: round-to-nearest is itself symmetric, so there is nothing to lose.
        double a = Math.abs(x);
        return Math.copySign(erfOfAbs(a), x);
    }

    /** erf(a) for {@code a >= 0}, not NaN (infinity allowed). */
    private static double erfOfAbs(double a) {
        if (a < 0.84375) {
            if (a < 0x1p-28) {
                // The x^3 term is below 2^-84 relative, so erf(a) = a * 2/sqrt(pi) to double
                // precision; a + EFX*a rounds once on the small correction, unlike a * 1.128...
                if (a < 0x1p-1000) {
                    // NOTE: near and below the subnormal range EFX*a would itself be rounded to
                    // the coarse subnormal grid before the addition, costing up to an extra ulp;
                    // scaling by 8 (exact) keeps the product's bits until the final division.
                    return (8 * a + EFX8 * a) * 0.125;
                }
                return a + EFX * a;
            }
            double z = a * a;
            double p = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
            double q = 1 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
            return a + a * (p / q);
        }
        if (a < 1.25) {
            double s = a - 1; // exact (Sterbenz), so the expansion point costs nothing
            double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
            double q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
            return ERX + p / q;
        }
        if (a >= 6) {
            // erfc(6) ~ 2.2e-17 < 2^-54, so 1 - erfc rounds to 1 in double; this also covers
            // infinity without feeding it to the rational functions below.
            return 1.0;
        }
        double w = 1 / (a * a);
        double r;
        double s;
        if (a < ERFC_SPLIT) {
            r = RA0 + w * (RA1 + w * (RA2 + w * (RA3 + w * (RA4 + w * (RA5 + w * (RA6
                    + w * RA7))))));
            s = 1 + w * (SA1 + w * (SA2 + w * (SA3 + w * (SA4 + w * (SA5 + w * (SA6 + w * (SA7
                    + w * SA8)))))));
        } else {
            r = RB0 + w * (RB1 + w * (RB2 + w * (RB3 + w * (RB4 + w * (RB5 + w * RB6)))));
            s = 1 + w * (SB1 + w * (SB2 + w * (SB3 + w * (SB4 + w * (SB5 + w * (SB6 + w * SB7))))));
        }
        // NOTE: -a*a in double carries an absolute rounding error up to ulp(a^2)/2 (2^-48 near
        // a = 6), which exp turns into a relative error of that size in erfc. Splitting
        // a = h + (a - h), with h keeping only the top 21 significand bits, makes h*h exact and
        // leaves -a^2 = -h*h + (h - a)(h + a) with the second term small, so each exp argument
        // is accurate to its own ulp. For erf alone this is partly insurance, since erfc is small
        // here and 1 - erfc shrinks its error, but it keeps erfc good to a few ulp should it be
        // exposed. (Cody's CALERF, Math. Comp. 1969, splits the same way with h = trunc(16a)/16.)
        double h = Double.longBitsToDouble(Double.doubleToRawLongBits(a) & 0xFFFF_FFFF_0000_0000L);
        // NOTE: StrictMath.exp (fdlibm, < 1 ulp) rather than Math.exp, so results do not depend
        // on the JIT's intrinsic; erfc here is at most ~0.08, so the 1 - erfc below damps its
        // error further.
        double erfc = StrictMath.exp(-h * h - 0.5625)
                * StrictMath.exp((h - a) * (h + a) + r / s) / a;
        return 1 - erfc;
    }
}
