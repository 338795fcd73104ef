package org.autodiff4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.autodiff4j.tensor.kernel.Gemm;
import org.junit.jupiter.api.Test;

class ThreadLimitTest {

    @Test
    void limitsTheCallingThreadOnlyAndRestoresTheLimitOnClose() throws InterruptedException {
        int all = ThreadLimit.current();
        assertThat(all).as("without a limit").isEqualTo(Runtime.getRuntime().availableProcessors());
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        try (ThreadLimit one = ThreadLimit.enter(1)) {
            assertThat(ThreadLimit.current()).isEqualTo(1);
            // 50 small products, which the batch path would share with the pool: limited, all run here
            Gemm.batch(50, 40L * 40 * 40, (i, threads) -> {
                assertThat(threads).as("threads of product " + i).isEqualTo(1);
                workers.add(Thread.currentThread());
            });
            try (ThreadLimit three = ThreadLimit.enter(3)) {
                assertThat(ThreadLimit.current()).as("nested").isEqualTo(3);
            }
            assertThat(ThreadLimit.current()).as("after the nested scope").isEqualTo(1);
            int[] other = new int[1];
            Thread t = new Thread(() -> other[0] = ThreadLimit.current());
            t.start();
            t.join();
            assertThat(other[0]).as("another thread's limit").isEqualTo(all);
            one.close();
            assertThat(ThreadLimit.current()).as("after close").isEqualTo(all);
        }
        assertThat(workers).containsExactly(Thread.currentThread());
        assertThat(ThreadLimit.current()).as("after a second close").isEqualTo(all);
    }

    @Test
    void aProductUnderTheLimitGivesTheSameBits() {
        Tensor a = Tensor.randn(new java.util.SplittableRandom(1), 200, 300);
        Tensor b = Tensor.randn(new java.util.SplittableRandom(2), 300, 150);
        double[] free = a.matmul(b).toDoubleArray();
        try (ThreadLimit one = ThreadLimit.enter(1)) {
            assertThat(a.matmul(b).toDoubleArray()).isEqualTo(free);
        }
    }

    @Test
    void refusesLessThanOneThreadAndAnotherThreadsClose() throws InterruptedException {
        assertThatThrownBy(() -> ThreadLimit.enter(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be at least 1, got 0");
        ThreadLimit two = ThreadLimit.enter(2);
        try {
            Throwable[] thrown = new Throwable[1];
            Thread t = new Thread(() -> {
                try {
                    two.close();
                } catch (IllegalStateException e) {
                    thrown[0] = e;
                }
            }, "other");
            t.start();
            t.join();
            assertThat(thrown[0]).hasMessageContaining("must be closed on that thread, not other");
        } finally {
            two.close();
        }
    }
}
