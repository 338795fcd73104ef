package org.autodiff4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The playground in a real browser: headless Chromium driven by Selenium types a formula, reads the
 * gradient the page shows, walks the reverse pass, and saves a screenshot to
 * {@code target/playground.png}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run} installs. Where
 * they are missing the test is skipped, unless {@code AUTODIFF_REQUIRE_BROWSER=1} (as in CI) makes
 * that a failure.
 */
class PlaygroundBrowserTest {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    static PlaygroundServer server;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!present && "1".equals(System.getenv("AUTODIFF_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("AUTODIFF_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: install Debian's chromium and chromium-driver");
        }
        Assumptions.assumeTrue(present, "no " + CHROMIUM + " / " + CHROMEDRIVER + ": browser test skipped (.ci/run installs them)");
        server = PlaygroundServer.start("127.0.0.1", 0);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic", "--window-size=1280,1600",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < end) {
            try {
                T v = probe.get();
                if (v != null && !Boolean.FALSE.equals(v)) {
                    return v;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what, last);
    }

    static String gradientShown(String variable) throws InterruptedException {
        return await("the gradient of " + variable, () -> {
            String t = browser.findElement(By.cssSelector("#gradient td[data-var='" + variable + "']")).getText();
            return t.isEmpty() ? null : t;
        });
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> nodeBoxes() {
        return (List<Map<String, Object>>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('#graph g.node')).map(g => {"
                        + " const r = g.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; });");
    }

    @Test
    void typesAFormulaReadsTheGradientWalksTheReversePassAndTakesAScreenshot() throws Exception {
        browser.get(server.address().resolve("/?f=x1*x2%2Bsin(x1)&at=x1=2,x2=3").toString());
        assertThat(Double.parseDouble(gradientShown("x1"))).isCloseTo(3 + Math.cos(2), within(1e-12));

        WebElement formula = browser.findElement(By.id("formula"));
        formula.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        formula.sendKeys("log(x1) + x1*x2 - sin(x2)");
        await("the new formula's inputs", () -> browser.findElements(By.cssSelector("#variables input")).size() == 2
                && browser.findElement(By.id("step-status")).getText().contains("complete"));
        WebElement x2 = browser.findElement(By.id("var-x2"));
        x2.sendKeys(Keys.chord(Keys.CONTROL, "a"), "5");
        await("the gradient at x2 = 5", () -> {
            String g = browser.findElement(By.cssSelector("#gradient td[data-var='x2']")).getText();
            return !g.isEmpty() && Math.abs(Double.parseDouble(g) - (2 - Math.cos(5))) < 1e-9;
        });
        assertThat(Double.parseDouble(gradientShown("x1"))).isCloseTo(1 / 2.0 + 5, within(1e-12));
        assertThat(browser.getCurrentUrl()).contains("x2%3D5").contains("f=log");

        // walk the reverse pass: each step highlights one node and the edges feeding its adjoint
        browser.findElement(By.id("reset")).click();
        await("the walk to restart", () -> browser.findElement(By.id("step-status")).getText().startsWith("step 0"));
        assertThat(browser.findElements(By.cssSelector("#graph g.node.current"))).isEmpty();
        int rows = browser.findElements(By.cssSelector("#reverse-table tr")).size() - 1;
        int activeEdgesSeen = 0;
        for (int k = 1; k <= rows; k++) {
            browser.findElement(By.id("step")).click();
            int step = k;
            await("step " + k, () -> browser.findElement(By.id("step-status")).getText().startsWith("step " + step + " of")
                    || browser.findElement(By.id("step-status")).getText().contains("complete"));
            assertThat(browser.findElements(By.cssSelector("#graph g.node.current"))).hasSize(1);
            assertThat(browser.findElements(By.cssSelector("#reverse-table tr.current"))).hasSize(1);
            activeEdgesSeen += browser.findElements(By.cssSelector("#graph g.edge.active")).size();
            if (k == 3) {
                Files.createDirectories(Path.of("target"));
                Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "playground-step3.png"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(browser.findElement(By.id("step-status")).getText()).contains("complete");
        // every edge of the graph is lit once: each contribution is added at exactly one step
        assertThat(activeEdgesSeen).isEqualTo(browser.findElements(By.cssSelector("#graph g.edge")).size());

        // nodes do not overlap
        List<Map<String, Object>> boxes = nodeBoxes();
        assertThat(boxes).hasSizeGreaterThan(4);
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertThat(overlap(boxes.get(i), boxes.get(j))).as("nodes %d and %d overlap", i, j).isFalse();
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "playground.png"), StandardCopyOption.REPLACE_EXISTING);

        // an error shows under the formula with its caret; the page stays usable
        formula.sendKeys(Keys.chord(Keys.CONTROL, "a"), "x + * y");
        String error = await("the parse error", () -> {
            WebElement e = browser.findElement(By.id("error"));
            return e.isDisplayed() ? e.getText() : null;
        });
        assertThat(error).contains("position 4").contains("^");
        formula.sendKeys(Keys.chord(Keys.CONTROL, "a"), "x*x + x");
        await("the page to recover", () -> !browser.findElement(By.id("error")).isDisplayed());
    }

    private static boolean overlap(Map<String, Object> a, Map<String, Object> b) {
        double ax = num(a, "x"), ay = num(a, "y"), aw = num(a, "w"), ah = num(a, "h");
        double bx = num(b, "x"), by = num(b, "y"), bw = num(b, "w"), bh = num(b, "h");
        return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
