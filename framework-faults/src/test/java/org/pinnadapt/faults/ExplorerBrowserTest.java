package org.pinnadapt.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code pinnadapt serve} in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}): a
 * tiny HyperPINN made here with {@code pinnadapt run}, the server started as a user starts it, the runs table, and
 * the explore page, whose Re slider is moved: the three heat maps and the latency label update, and the error shown
 * is the one {@code pinnadapt predict} computes in Java for the same parameter and grid. Skipped where Chromium is
 * not installed, except in CI ({@code .ci/run} installs it).
 */
class ExplorerBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir Path work;

  @Test
  void theExplorePageRedrawsTheHeatMapsWhenTheSliderMovesAndShowsTheErrorJavaComputes() throws Exception {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!installed && System.getenv("CI") != null) {
      throw new AssertionError("CI must have Debian's chromium and chromium-driver (.ci/run installs them)");
    }
    assumeThat(installed).as("Chromium and ChromeDriver installed").isTrue();
    Path runs = Files.createDirectories(work.resolve("runs"));
    Cli.Outcome made = Cli.run(work, "run", "--pde", "kovasznay", "--strategy", "hyper", "--tasks", "Re=40;Re=60",
        "--strategy-opt", "hidden=16", "--strategy-opt", "rank=2", "--strategy-opt", "train-tasks=3",
        "--arch-opt", "width=12", "--arch-opt", "depth=2", "--epochs", "60", "--trainer", "adam",
        "--set", "collocation=200", "--set", "boundary=40", "--set", "grid=11x11", "--threads", "1", "-q",
        "--out", runs.resolve("hyper").toString());
    assertThat(made.exit()).as(made.toString()).isZero();

    Process serve = Cli.start(work, "serve", List.of("serve", "--runs", runs.toString(), "--port", "0"));
    WebDriver browser = null;
    try {
      String url = awaitUrl(work.resolve("serve.out"), serve);
      browser = chromium();
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

      browser.get(url);
      wait.until(b -> !b.findElements(By.cssSelector("#runs tbody tr[data-id='hyper']")).isEmpty());
      assertThat(browser.findElement(By.cssSelector("#runs tbody tr[data-id='hyper']")).getText())
          .contains("kovasznay").contains("hyper");

      browser.get(url + "explore?id=hyper");
      WebElement prediction = browser.findElement(By.id("map-prediction"));
      wait.until(b -> rendered(prediction) >= 1);
      WebElement latency = browser.findElement(By.id("latency"));
      String latencyBefore = latency.getText();
      assertThat(latencyBefore).contains("ms");
      WebElement slider = browser.findElement(By.id("p-Re"));
      String reBefore = slider.getAttribute("value");
      int before = rendered(prediction);
      for (int i = 0; i < 10; i++) {
        slider.sendKeys(Keys.ARROW_RIGHT);
      }
      String reAfter = slider.getAttribute("value");
      assertThat(Double.parseDouble(reAfter)).isGreaterThan(Double.parseDouble(reBefore));
      // the last request is the one for the slider's final value
      wait.until(b -> rendered(prediction) > before && rendered(b.findElement(By.id("map-reference"))) > before
          && rendered(b.findElement(By.id("map-error"))) > before
          && drawnRe(b) == Double.parseDouble(reAfter));
      WebElement relerr = browser.findElement(By.id("relerr"));
      double shown = Double.parseDouble(relerr.getAttribute("data-value"));
      assertThat(latency.getAttribute("data-server-ms")).isNotEmpty();
      assertThat(Double.parseDouble(latency.getAttribute("data-server-ms"))).isPositive();

      Cli.Outcome java = Cli.run(work, "predict", "--run", runs.resolve("hyper").toString(), "--task", "Re=" + reAfter,
          "--grid", "101x101", "--out", work.resolve("p.csv").toString());
      assertThat(java.exit()).as(java.toString()).isZero();
      Matcher m = Pattern.compile("rel_l2 ([0-9.eE+-]+)").matcher(java.out());
      assertThat(m.find()).as(java.out()).isTrue();
      assertThat(shown).isCloseTo(Double.parseDouble(m.group(1)), org.assertj.core.data.Percentage.withPercentage(0.1));

      screenshot(browser, "explorer-screenshot.png");
    } finally {
      stop(browser, serve);
    }
  }

  /** The Re of the solution the maps show now (NaN before the first). */
  private static double drawnRe(WebDriver b) {
    Object re = ((ChromeDriver) b).executeScript("const p = document.getElementById('relerr').dataset.parameters;"
        + " return p ? String(JSON.parse(p).Re) : 'NaN';");
    return Double.parseDouble(String.valueOf(re));
  }

  /**
   * The latency benchmark of issue 19 (not a timed assert): with {@code -Dpinnadapt.explorer.run=RUN} (a run folder,
   * e.g. the demo's {@code hyper}), the explore page of that run in headless Chromium; the Re slider is moved one
   * step at a time, 20 times, each time waiting for the three maps to be drawn; prints the time from the request
   * to the drawn maps and the server's time, and saves a screenshot ({@code target/explorer-run.png}).
   * The server is started with the project's launcher ({@code ./pinnadapt serve}).
   * {@code mvn -B verify -pl framework-faults -Dtest=ExplorerBrowserTest -Dpinnadapt.explorer.run=DIR}
   */
  @Test
  void latencyOfTheExplorePageOnAGivenRun() throws Exception {
    String given = System.getProperty("pinnadapt.explorer.run", "");
    assumeThat(given).as("-Dpinnadapt.explorer.run=RUN").isNotEmpty();
    assumeThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)).isTrue();
    Path run = Path.of(given).toAbsolutePath().normalize();
    // the launcher a user runs (its JVM settings and native threads), not the test harness's quick JVM
    Path launcher = Path.of(System.getProperty("pinnadapt.launcher", "../pinnadapt")).toAbsolutePath().normalize();
    Process serve = new ProcessBuilder(launcher.toString(), "serve", "--runs", run.getParent().toString(), "--port",
        "0").directory(work.toFile()).redirectOutput(work.resolve("serve.out").toFile())
        .redirectError(work.resolve("serve.err").toFile()).start();
    WebDriver browser = null;
    try {
      String url = awaitUrl(work.resolve("serve.out"), serve);
      browser = chromium();
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      browser.get(url + "explore?id=" + run.getFileName());
      WebElement prediction = browser.findElement(By.id("map-prediction"));
      wait.until(b -> rendered(prediction) >= 1);
      WebElement slider = browser.findElement(By.id("p-Re"));
      WebElement latency = browser.findElement(By.id("latency"));
      List<Double> client = new ArrayList<>();
      List<Double> server = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        int before = rendered(prediction);
        slider.sendKeys(Keys.ARROW_RIGHT);
        wait.until(b -> rendered(prediction) > before && drawnRe(b) == Double.parseDouble(slider.getAttribute("value")));
        if (i >= 5) { // the first moves warm the server up
          client.add(Double.parseDouble(latency.getAttribute("data-client-ms")));
          server.add(Double.parseDouble(latency.getAttribute("data-server-ms")));
        }
      }
      client.sort(null);
      server.sort(null);
      System.out.printf(java.util.Locale.ROOT, "explore %s, 20 slider moves at 101x101: request to drawn maps median "
          + "%.1f ms, max %.1f ms; server median %.1f ms, max %.1f ms%n", run, client.get(10), client.get(19),
          server.get(10), server.get(19));
      screenshot(browser, "explorer-run.png");
    } finally {
      stop(browser, serve);
    }
  }

  private static void screenshot(WebDriver browser, String name) throws IOException {
    Path shot = Path.of("target", name);
    Files.createDirectories(shot.getParent());
    Files.write(shot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
  }

  /** Quits the browser (if it started) and stops the server, in every case. */
  private static void stop(WebDriver browser, Process serve) throws InterruptedException {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      serve.destroy();
      serve.waitFor();
    }
  }

  private static int rendered(WebElement map) {
    String v = map.getAttribute("data-rendered");
    return v == null || v.isEmpty() ? 0 : Integer.parseInt(v);
  }

  private static WebDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1400,900");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  private static String awaitUrl(Path out, Process p) throws IOException, InterruptedException {
    Pattern url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");
    long end = System.nanoTime() + 120_000_000_000L;
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < end && p.isAlive()) {
      if (Files.exists(out)) {
        seen = Files.readAllLines(out);
        for (String line : seen) {
          Matcher m = url.matcher(line);
          if (m.find()) {
            return m.group(1);
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the server printed no URL: " + seen);
  }
}
