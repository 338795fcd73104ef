package org.autodiff4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The autodiff command end to end: output, JSON shape, exit statuses and messages. */
class MainTest {

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Run r) {
        assertThat(r.status()).as(r.err()).isZero();
        return (Map<String, Object>) JsonReader.read(r.out());
    }

    @SuppressWarnings("unchecked")
    static double at(Map<String, Object> m, String... path) {
        Object v = m;
        for (String key : path) {
            v = ((Map<String, Object>) v).get(key);
        }
        return (Double) v;
    }

    @Test
    void gradJsonHasExactlyTheDocumentedKeys() {
        Map<String, Object> m = json(run("grad", "x1*x2 + sin(x1)", "--at", "x1=2,x2=3", "--json"));
        assertThat(m.keySet()).containsExactly("expression", "point", "value", "gradient");
        assertThat(m.get("expression")).isEqualTo("x1*x2 + sin(x1)");
        assertThat(m.get("point")).isEqualTo(Map.of("x1", 2.0, "x2", 3.0));
        assertThat(at(m, "value")).isCloseTo(6 + Math.sin(2), within(1e-15));
        assertThat(at(m, "gradient", "x1")).isCloseTo(3 + Math.cos(2), within(1e-15));
        assertThat(at(m, "gradient", "x2")).isEqualTo(2.0);
    }

    @Test
    void hessianOfTheTextbookExampleMatchesItsClosedForm() {
        double x1 = 1, x2 = 0.5;
        double s = x1 + x2, c = Math.cos(x1 * x2), sn = Math.sin(x1 * x2), u = s * s + sn;
        double g1 = 2 * s + x2 * c, g2 = 2 * s + x1 * c;
        double h11 = ((2 - x2 * x2 * sn) * u - g1 * g1) / (u * u);
        double h12 = ((2 + c - x1 * x2 * sn) * u - g1 * g2) / (u * u);
        double h22 = ((2 - x1 * x1 * sn) * u - g2 * g2) / (u * u);
        for (String mode : List.of("forward", "reverse")) {
            Map<String, Object> m = json(run("grad", "log((x1+x2)^2 + sin(x1*x2))", "--at", "x1=1,x2=0.5", "--hessian", "--json", "--mode", mode));
            assertThat(m.keySet()).containsExactly("expression", "point", "value", "gradient", "hessian");
            assertThat(at(m, "value")).isCloseTo(Math.log(u), within(1e-14));
            assertThat(at(m, "gradient", "x1")).isCloseTo(g1 / u, within(1e-14));
            assertThat(at(m, "gradient", "x2")).isCloseTo(g2 / u, within(1e-14));
            assertThat(at(m, "hessian", "x1", "x1")).isCloseTo(h11, within(1e-13));
            assertThat(at(m, "hessian", "x1", "x2")).isCloseTo(h12, within(1e-13));
            assertThat(at(m, "hessian", "x2", "x1")).isCloseTo(h12, within(1e-13));
            assertThat(at(m, "hessian", "x2", "x2")).isCloseTo(h22, within(1e-13));
        }
    }

    @Test
    void hessianCommandPrintsAReadableTable() {
        Run r = run("hessian", "x^2*y", "--at", "x=3,y=2");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("value  18.0").contains("df/dx  12.0").contains("df/dy  9.0").contains("Hessian");
        assertThat(r.out().lines().filter(l -> l.strip().matches("x\\s+-?\\d.*")).findFirst().orElseThrow()).contains("4.0").contains("6.0");
    }

    @Test
    void userErrorsExitWithStatusTwoAndSayWhatIsWrong() {
        Run missing = run("grad", "x*y + z", "--at", "x=1");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("--at: missing values for y, z");
        assertThat(missing.out()).isEmpty();

        Run extra = run("grad", "x", "--at", "x=1,w=2");
        assertThat(extra.status()).isEqualTo(2);
        assertThat(extra.err()).contains("not variables of the formula: w");

        Run parse = run("grad", "x + * y", "--at", "x=1,y=2");
        assertThat(parse.status()).isEqualTo(2);
        assertThat(parse.err()).contains("position 4").contains("x + * y\n      ^");

        Run option = run("grad", "x", "--at", "x=1", "--frobnicate");
        assertThat(option.status()).isEqualTo(2);
        assertThat(option.err()).contains("unknown option --frobnicate").contains("--at");

        Run notANumber = run("grad", "x", "--at", "x=one");
        assertThat(notANumber.status()).isEqualTo(2);
        assertThat(notANumber.err()).contains("value of x must be a number, got 'one'");

        Run command = run("gradient", "x");
        assertThat(command.status()).isEqualTo(2);
        assertThat(command.err()).contains("unknown command 'gradient'").contains("grad");

        Run mode = run("grad", "x", "--at", "x=1", "--mode", "sideways");
        assertThat(mode.status()).isEqualTo(2);
        assertThat(mode.err()).contains("--mode must be one of forward, reverse, got 'sideways'");
    }

    @Test
    void helpListsEveryCommandAndTheRegistryFunctions() {
        Run r = run("help");
        assertThat(r.status()).isZero();
        for (String c : List.of("grad", "hessian", "trace", "graph", "check", "compare", "serve", "train")) {
            assertThat(r.out()).contains("./autodiff " + c + " ");
        }
        for (org.autodiff4j.Op op : org.autodiff4j.Op.values()) {
            assertThat(r.out()).contains(op.symbol());
        }
    }

    @Test
    void negativeNumbersAndFormulasStartingWithMinusAreNotOptions() {
        Map<String, Object> m = json(run("grad", "-x^2", "--at", "x=-3", "--json"));
        assertThat(at(m, "value")).isEqualTo(-9.0);
        assertThat(at(m, "gradient", "x")).isEqualTo(6.0);
    }

    @Test
    void checkShowsTruncationFallingAndRoundOffRising(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("errors.png");
        Run r = run("check", "exp(sin(x))*y", "--at", "x=0.7,y=1.3", "--json", "--plot", png.toString());
        Map<String, Object> m = json(r);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) m.get("steps");
        assertThat(steps).hasSize(13);
        double[] forward = steps.stream().mapToDouble(s -> (Double) s.get("forwardError")).toArray();
        double[] central = steps.stream().mapToDouble(s -> (Double) s.get("centralError")).toArray();
        // truncation: from h = 1e-1 to 1e-3 the forward error falls about 10x a decade, the central 100x
        assertThat(forward[2]).isLessThan(forward[0] / 50);
        assertThat(central[2]).isLessThan(central[0] / 5000);
        // round-off: at h = 1e-13 both are worse than at their best step
        int bestForward = argmin(forward);
        int bestCentral = argmin(central);
        assertThat(forward[12]).isGreaterThan(100 * forward[bestForward]);
        assertThat(central[12]).isGreaterThan(100 * central[bestCentral]);
        assertThat(bestForward).isBetween(6, 9);   // h near sqrt(eps) = 1.5e-8
        assertThat(bestCentral).isBetween(3, 7);   // h near cbrt(eps) = 6e-6
        var image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(720);
        assertThat(image.getHeight()).isEqualTo(420);
    }

    private static int argmin(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] < a[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void traceForwardAndReverseAgreeWithTheGradient() {
        Map<String, Object> fwd = json(run("trace", "x1*x2 + sin(x1)", "--at", "x1=2,x2=3", "--seed", "x1", "--json"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) fwd.get("rows");
        Map<String, Object> last = rows.get(rows.size() - 1);
        assertThat((Double) last.get("tangent")).isCloseTo(3 + Math.cos(2), within(1e-15));

        Run rev = run("trace", "x*x + x", "--at", "x=3", "--mode", "reverse");
        assertThat(rev.status()).as(rev.err()).isZero();
        assertThat(rev.out()).contains("df/dx = 7.0");

        Run badSeed = run("trace", "x*y", "--at", "x=1,y=2", "--seed", "z");
        assertThat(badSeed.status()).isEqualTo(2);
        assertThat(badSeed.err()).contains("--seed z is not a variable");
    }

    @Test
    void graphWritesEachFormat(@TempDir Path dir) throws Exception {
        for (String format : List.of("dot", "mermaid", "svg", "json")) {
            Path file = dir.resolve("g." + format);
            Run r = run("graph", "(a+b)*log(b+c)", "--at", "a=1,b=3,c=6", "--format", format, "-o", file.toString());
            assertThat(r.status()).as(r.err()).isZero();
            String text = Files.readString(file);
            switch (format) {
                case "dot" -> assertThat(text).startsWith("digraph");
                case "mermaid" -> assertThat(text).startsWith("flowchart LR");
                case "svg" -> assertThat(text).contains("<svg").contains("</svg>");
                default -> assertThat(JsonReader.read(text)).isInstanceOf(Map.class);
            }
        }
    }

    @Test
    void compareShowsThreeAgreeingDerivativesAndTheirSizes() {
        Map<String, Object> m = json(run("compare", "x*sin(x)*y", "--at", "x=2,y=3", "--json"));
        double exact = 3 * (Math.sin(2) + 2 * Math.cos(2));
        assertThat(at(m, "ad", "x")).isCloseTo(exact, within(1e-14));
        assertThat(at(m, "symbolic", "x")).isCloseTo(exact, within(1e-14));
        assertThat(at(m, "finiteDifferences", "x")).isCloseTo(exact, within(1e-8));
        assertThat(at(m, "symbolicSize", "x")).isGreaterThan(at(m, "formulaSize"));
    }

    @Test
    void swellTableShowsTheSymbolicDerivativeOutgrowingTheTape() {
        Run r = run("compare", "--swell", "20", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) JsonReader.read(r.out());
        assertThat(rows).hasSize(20);
        double tape20 = (Double) rows.get(19).get("tapeLength");
        double sym20 = (Double) rows.get(19).get("symbolicSize");
        double tape10 = (Double) rows.get(9).get("tapeLength");
        double sym10 = (Double) rows.get(9).get("symbolicSize");
        // the tape grows linearly, the unsimplified derivative quadratically
        assertThat(tape20 / tape10).isLessThan(2.5);
        assertThat(sym20 / sym10).isGreaterThan(3.5);
        assertThat(sym20).isGreaterThan(10 * tape20);
    }
}
