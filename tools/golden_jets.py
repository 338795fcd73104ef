#!/usr/bin/env python3
"""Golden values for Taylor mode (org.autodiff4j.Jet), from an independent oracle: mpmath.

For three functions of one variable, at four points each, this computes the derivatives of orders
0 to 10 at 50 significant digits with mpmath.diff (numerical differentiation at raised working
precision), checks each against a second method (mpmath.diff with method="quad", Cauchy's integral
formula on a circle around the point, and for 1/(1+x^2) also the closed form below), never against
the Java code, and writes them rounded to the nearest double.

Regenerate (from the repository root; needs Python 3 and mpmath, written against mpmath 1.3.0):

    python3 tools/golden_jets.py

It overwrites core/src/test/resources/golden/jets.csv, which JetTest reads.

The CSV has a header line and the columns function,x,k,derivative:
  - function is one of the names in FUNCTIONS below; JetTest evaluates the same expression;
  - x is the point and k the order of the derivative, 0 to 10;
  - derivative is d^k f / dx^k at x, as repr() of a Python float (the shortest decimal that reads
    back as exactly that double).

The points are Python floats, passed to mpmath as mpf(float), so the oracle sees exactly the doubles
the Java test passes. Some derivatives are exactly 0 (the odd ones of 1/(1+x^2) at 0, orders 3 and 7
at 1, order 3 of exp(sin x) at 0); numerical differentiation returns them as 0 up to its own error,
so a derivative below 1e-30 of its Cauchy scale k!/r^k is written as an exact 0.0.
"""

import os

from mpmath import mp, mpf, mpc

mp.dps = 50
ORDER = 10


def inverse_one_plus_square_closed_form(x, k):
    # 1/(1+x^2) = Im 1/(x - i), so its k-th derivative is Im (-1)^k k! (x - i)^-(k+1).
    return ((-1) ** k * mp.factorial(k) * mp.power(mpc(x, -1), -(k + 1))).imag


# name -> (function of an mpf, points, radius for the Cauchy integral: well inside the distance to
# the nearest singularity, at +-i for 1/(1+x^2) and at 0 for x^x; exp(sin x) is entire).
FUNCTIONS = {
    "exp(sin x)": (lambda x: mp.exp(mp.sin(x)), [-1.3, 0.0, 0.5, 2.0], 0.5),
    "1/(1+x^2)": (lambda x: 1 / (1 + x**2), [0.0, 0.7, 1.0, 3.0], 0.5),
    "x^x": (lambda x: mp.power(x, x), [0.3, 0.7, 1.5, 2.5], 0.15),
}


def derivatives(name, f, x, radius):
    out = []
    for k in range(ORDER + 1):
        d = mp.diff(f, x, k)
        check = mp.diff(f, x, k, method="quad", radius=radius).real
        agree = [check]
        if name == "1/(1+x^2)":
            agree.append(inverse_one_plus_square_closed_form(x, k))
        # Agreement to 30 digits of the larger of |d| and the Cauchy scale k!/r^k (by which an exact
        # zero, such as the third derivative of exp(sin x) at 0, is judged).
        scale = max(abs(d), mp.factorial(k) / mpf(radius) ** k)
        for other in agree:
            if abs(other - d) > mpf(10) ** -30 * scale:
                raise AssertionError(f"{name} at {x}, order {k}: diff {d}, second method {other}")
        out.append(mpf(0) if abs(d) < mpf(10) ** -30 * mp.factorial(k) / mpf(radius) ** k else d)
    return out


def to_double(v):
    # float(mpf) rounds to nearest, ties to even. Rounding twice (to 50 digits, then to 53 bits)
    # is harmless: a value would have to lie within 1e-50 of a midpoint between doubles to move.
    d = float(v)
    if d != d or d in (float("inf"), float("-inf")):
        raise AssertionError(f"not a finite double: {v}")
    return d


def rows():
    for name, (f, points, radius) in FUNCTIONS.items():
        for x in points:
            ds = derivatives(name, f, mpf(x), radius)
            for k, d in enumerate(ds):
                yield [name, repr(x), str(k), repr(to_double(d))]


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = os.path.join(root, "core", "src", "test", "resources", "golden", "jets.csv")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    lines = ["function,x,k,derivative"] + [",".join(r) for r in rows()]
    with open(out, "w", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines) - 1} rows to {out}")


if __name__ == "__main__":
    main()
