#!/usr/bin/env python3
"""Golden values for the op registry (org.autodiff4j.Op), from an independent oracle: mpmath.

For every op, at six hand-picked points inside the op's Domain and away from its kinks, this
computes at 50 significant digits the value and the partial derivative(s) from the mathematical
definition (mpmath's functions and closed forms derived by hand, each checked here against
mpmath.diff), never from the Java code, and writes them rounded to the nearest double.

Regenerate (from the repository root; needs Python 3 and mpmath, written against mpmath 1.3.0):

    python3 tools/golden_ops.py

It overwrites core/src/test/resources/golden/ops.csv, which GoldenOpsTest reads. After adding an op
to Op.java, add it to OPS below with its points and partials, and run this again.

The CSV has a header line and the columns op,x,y,value,dx,dy:
  - op is Op.symbol(); x and y are the op's first and second arguments (for atan2(y, x) the
    column x holds y, the receiver, and the column y holds x, as Op.ATAN2.value(y, x) takes them);
  - dx and dy are the partials in the first and second argument; y and dy are empty for unary ops;
  - every number is repr() of a Python float: the shortest decimal that reads back as exactly that
    double (at most 17 significant digits).

The inputs are Python floats, passed to mpmath as mpf(float), so the oracle sees exactly the
doubles the Java test passes. Points at kinks (abs at 0, floor at integers, max at ties, ...) are
left out on purpose: conventions there are tested elsewhere.
"""

import os

from mpmath import mp, mpf

mp.dps = 50

TWO_OVER_SQRT_PI = 2 / mp.sqrt(mp.pi)


def sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def real_cbrt(x):
    # mpmath's cbrt gives the principal complex root for x < 0; the real cube root is odd.
    return mp.sign(x) * mp.cbrt(abs(x))


# name -> (value, [partials], points). Arguments are mpf; points are tuples of Python floats.
# Each partial is a closed form, checked against mpmath.diff in check_partials().
OPS = {
    # ---- arithmetic ----
    "add": (lambda x, y: x + y, [lambda x, y: mpf(1), lambda x, y: mpf(1)],
            [(-2.5, 1.75), (-0.3, -2.2), (0.1, 0.2), (1.0, -0.6), (2.9, 2.05), (-1.1, 2.7)]),
    "sub": (lambda x, y: x - y, [lambda x, y: mpf(1), lambda x, y: mpf(-1)],
            [(-2.8, 1.3), (-0.45, -2.6), (0.3, 0.1), (1.5, -0.25), (2.2, 2.95), (-1.7, 0.9)]),
    "mul": (lambda x, y: x * y, [lambda x, y: y, lambda x, y: x],
            [(-2.6, 1.9), (-0.7, -2.3), (0.3, 0.1), (1.25, -0.6), (2.8, 2.4), (-1.45, 0.05)]),
    "div": (lambda x, y: x / y, [lambda x, y: 1 / y, lambda x, y: -x / y**2],
            [(-2.9, 0.3), (-0.6, 2.7), (0.1, 0.7), (1.0, 2.9), (2.5, 0.21), (-1.3, 1.6)]),
    "neg": (lambda x: -x, [lambda x: mpf(-1)],
            [(-2.5,), (-0.7,), (0.1,), (1.0,), (1.9,), (2.95,)]),
    "pow": (lambda x, y: mp.power(x, y),
            [lambda x, y: y * mp.power(x, y - 1), lambda x, y: mp.power(x, y) * mp.log(x)],
            [(0.25, -1.8), (0.5, 0.5), (0.9, -0.3), (1.7, 1.5), (2.3, -1.1), (2.9, 1.95)]),
    # ---- trigonometric and hyperbolic ----
    "sin": (mp.sin, [mp.cos],
            [(-3.9,), (-2.0,), (-0.3,), (0.5,), (1.7,), (3.1,)]),
    "cos": (mp.cos, [lambda x: -mp.sin(x)],
            [(-3.5,), (-1.5,), (-0.25,), (0.6,), (2.2,), (3.9,)]),
    "tan": (mp.tan, [lambda x: 1 / mp.cos(x)**2],
            [(-1.35,), (-0.8,), (-0.1,), (0.45,), (1.0,), (1.39,)]),
    "asin": (mp.asin, [lambda x: 1 / mp.sqrt(1 - x**2)],
             [(-0.9,), (-0.55,), (-0.05,), (0.3,), (0.7,), (0.93,)]),
    "acos": (mp.acos, [lambda x: -1 / mp.sqrt(1 - x**2)],
             [(-0.93,), (-0.6,), (-0.2,), (0.1,), (0.5,), (0.85,)]),
    "atan": (mp.atan, [lambda x: 1 / (1 + x**2)],
             [(-3.7,), (-1.2,), (-0.4,), (0.25,), (1.0,), (2.9,)]),
    # atan2(y, x): the first argument is y; partials x/(x^2+y^2) in y and -y/(x^2+y^2) in x.
    "atan2": (lambda y, x: mp.atan2(y, x),
              [lambda y, x: x / (x**2 + y**2), lambda y, x: -y / (x**2 + y**2)],
              [(0.25, -2.9), (0.5, -0.4), (1.0, 0.3), (1.6, 2.7), (2.4, -1.7), (2.95, 0.05)]),
    "sinh": (mp.sinh, [mp.cosh],
             [(-2.8,), (-1.1,), (-0.2,), (0.35,), (1.5,), (2.95,)]),
    "cosh": (mp.cosh, [mp.sinh],
             [(-2.9,), (-1.3,), (-0.45,), (0.15,), (0.9,), (2.6,)]),
    "tanh": (mp.tanh, [lambda x: 1 / mp.cosh(x)**2],
             [(-2.7,), (-1.0,), (-0.35,), (0.05,), (0.8,), (2.4,)]),
    # ---- exponential and logarithmic ----
    "exp": (mp.exp, [mp.exp],
            [(-2.9,), (-1.7,), (-0.01,), (0.5,), (1.3,), (2.99,)]),
    "expm1": (mp.expm1, [mp.exp],
              [(-2.5,), (-0.9,), (-0.001,), (0.02,), (0.75,), (2.8,)]),
    "log": (mp.log, [lambda x: 1 / x],
            [(0.11,), (0.5,), (0.99,), (1.5,), (3.7,), (9.8,)]),
    "log1p": (mp.log1p, [lambda x: 1 / (1 + x)],
              [(-0.85,), (-0.3,), (0.0001,), (0.6,), (2.5,), (9.5,)]),
    "log2": (lambda x: mp.log(x, 2), [lambda x: 1 / (x * mp.log(2))],
             [(0.13,), (0.7,), (1.01,), (2.0,), (4.4,), (9.0,)]),
    "log10": (mp.log10, [lambda x: 1 / (x * mp.log(10))],
              [(0.15,), (0.8,), (1.2,), (3.3,), (7.0,), (9.9,)]),
    "sqrt": (mp.sqrt, [lambda x: 1 / (2 * mp.sqrt(x))],
             [(0.06,), (0.3,), (1.0,), (2.0,), (5.5,), (9.7,)]),
    "cbrt": (real_cbrt, [lambda x: 1 / (3 * real_cbrt(x)**2)],
             [(-4.7,), (-1.9,), (-0.08,), (0.2,), (2.5,), (4.9,)]),
    "hypot": (lambda x, y: mp.sqrt(x**2 + y**2),
              [lambda x, y: x / mp.sqrt(x**2 + y**2), lambda x, y: y / mp.sqrt(x**2 + y**2)],
              [(-2.7, 1.2), (-0.3, -0.4), (0.06, 0.02), (1.1, -2.9), (2.5, 2.5), (-1.8, 0.7)]),
    # ---- piecewise, away from the kinks ----
    "abs": (abs, [mp.sign],
            [(-2.6,), (-0.9,), (-0.07,), (0.3,), (1.4,), (2.8,)]),
    "sign": (mp.sign, [lambda x: mpf(0)],
             [(-2.2,), (-0.6,), (-0.06,), (0.09,), (1.1,), (2.9,)]),
    "floor": (mp.floor, [lambda x: mpf(0)],
              [(-2.7,), (-1.4,), (-0.3,), (0.4,), (1.75,), (2.6,)]),
    "ceil": (mp.ceil, [lambda x: mpf(0)],
             [(-2.6,), (-1.2,), (-0.8,), (0.3,), (1.6,), (2.9,)]),
    "round": (mp.nint, [lambda x: mpf(0)],
              [(-2.8,), (-1.3,), (-0.2,), (0.35,), (1.7,), (2.2,)]),
    "relu": (lambda x: x if x > 0 else mpf(0), [lambda x: mpf(1) if x > 0 else mpf(0)],
             [(-2.4,), (-0.8,), (-0.1,), (0.2,), (1.3,), (2.7,)]),
    "max": (lambda x, y: x if x > y else y,
            [lambda x, y: mpf(1) if x > y else mpf(0), lambda x, y: mpf(0) if x > y else mpf(1)],
            [(-2.6, 1.4), (-0.3, -0.9), (0.2, 0.4), (1.3, -1.3), (2.7, 2.1), (-1.9, -1.2)]),
    "min": (lambda x, y: x if x < y else y,
            [lambda x, y: mpf(1) if x < y else mpf(0), lambda x, y: mpf(0) if x < y else mpf(1)],
            [(-2.4, 1.6), (-0.5, -1.1), (0.15, 0.6), (1.9, -0.4), (2.8, 2.3), (-2.2, -1.5)]),
    # ---- machine learning and statistics ----
    "sigmoid": (sigmoid, [lambda x: mp.exp(-x) / (1 + mp.exp(-x))**2],
                [(-5.8,), (-2.3,), (-0.4,), (0.7,), (3.1,), (5.9,)]),
    "softplus": (lambda x: mp.log(1 + mp.exp(x)), [sigmoid],
                 [(-5.5,), (-1.9,), (-0.15,), (0.6,), (2.8,), (5.7,)]),
    "erf": (mp.erf, [lambda x: TWO_OVER_SQRT_PI * mp.exp(-x**2)],
            [(-2.9,), (-1.6,), (-0.5,), (0.2,), (1.1,), (2.7,)]),
}


def check_partials(name, f, partials, args):
    """Fails if a closed-form partial disagrees with mpmath's numerical derivative of the value."""
    for i, partial in enumerate(partials):
        order = tuple(1 if j == i else 0 for j in range(len(args)))
        numeric = mp.diff(f, args, order)
        exact = partial(*args)
        if abs(numeric - exact) > mpf(10) ** -35 * max(1, abs(exact)):
            raise AssertionError(f"{name}: partial {i} at {args}: closed form {exact}, mpmath.diff {numeric}")


def to_double(v):
    # float(mpf) rounds to nearest, ties to even (mpmath's default rounding). Rounding twice (to
    # 50 digits, then to 53 bits) is harmless: results such as x + y or x * y are exact at 50
    # digits, and a transcendental value would have to lie within 1e-50 of a midpoint between
    # doubles to be moved.
    d = float(v)
    if d != d or d in (float("inf"), float("-inf")):
        raise AssertionError(f"not a finite double: {v}")
    return d


def rows():
    for name, (f, partials, points) in OPS.items():
        for point in points:
            assert len(point) == len(partials), f"{name}: {point} has the wrong arity"
            args = [mpf(p) for p in point]  # exact: every Python float is an mpf
            check_partials(name, f, partials, args)
            value = to_double(f(*args))
            ds = [to_double(p(*args)) for p in partials]
            if len(point) == 1:
                yield [name, repr(point[0]), "", repr(value), repr(ds[0]), ""]
            else:
                yield [name, repr(point[0]), repr(point[1]), repr(value), repr(ds[0]), repr(ds[1])]


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = os.path.join(root, "core", "src", "test", "resources", "golden", "ops.csv")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    lines = ["op,x,y,value,dx,dy"] + [",".join(r) for r in rows()]
    with open(out, "w", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines) - 1} rows to {out}")


if __name__ == "__main__":
    main()
