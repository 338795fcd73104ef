package org.autodiff4j.optim;

import org.autodiff4j.nn.Parameter;
import org.autodiff4j.tensor.Tensor;

/** The 2-D test problems, as tensor losses and as hand-written gradients and Hessians. */
enum Problems {

    /** {@code f(x) = x^T A x / 2 - b^T x}, A = [[3, 0.5], [0.5, 1]], b = [1, -2]. */
    QUADRATIC {
        @Override
        Tensor loss(Tensor p) {
            Tensor a = Tensor.of(new double[] {3, 0.5}, new double[] {0.5, 1});
            return p.matmul(a).matmul(p).mul(0.5).sub(p.mul(Tensor.vector(1, -2)).sum());
        }

        @Override
        double[] grad(double[] x) {
            return new double[] {3 * x[0] + 0.5 * x[1] - 1, 0.5 * x[0] + x[1] + 2};
        }

        @Override
        double[][] hessian(double[] x) {
            return new double[][] {{3, 0.5}, {0.5, 1}};
        }
    },

    /** Rosenbrock's {@code (1 - x)^2 + 100 (y - x^2)^2}, minimum 0 at (1, 1). */
    ROSENBROCK {
        @Override
        Tensor loss(Tensor p) {
            Tensor x = p.slice(0, 0, 1);
            Tensor y = p.slice(0, 1, 2);
            return x.neg().add(1).square().add(y.sub(x.square()).square().mul(100)).sum();
        }

        @Override
        double[] grad(double[] v) {
            double x = v[0];
            double y = v[1];
            return new double[] {-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)};
        }

        @Override
        double[][] hessian(double[] v) {
            double x = v[0];
            double y = v[1];
            return new double[][] {{2 - 400 * y + 1200 * x * x, -400 * x}, {-400 * x, 200}};
        }
    };

    abstract Tensor loss(Tensor p);

    abstract double[] grad(double[] x);

    abstract double[][] hessian(double[] x);

    /** The loss at the parameter's value, recorded. */
    Closure closure(Parameter p) {
        return () -> loss(p.value());
    }

    /** The solution of the 2 x 2 system {@code m d = r}, by Cramer's rule. */
    static double[] solve(double[][] m, double[] r) {
        double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        return new double[] {(r[0] * m[1][1] - m[0][1] * r[1]) / det, (m[0][0] * r[1] - m[1][0] * r[0]) / det};
    }
}
