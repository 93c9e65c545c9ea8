package neuronlens.serve;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven through Debian's chromedriver. Both the driver's path and the
 * browser's binary are given, so Selenium Manager never runs and nothing is downloaded. Tests skip
 * when either is missing (CI installs them).
 */
final class Browser {
  static final String DRIVER = "/usr/bin/chromedriver";
  static final String CHROMIUM = "/usr/bin/chromium";
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private Browser() {}

  static ChromeDriver start(Path profile) {
    Assumptions.assumeTrue(Files.isExecutable(Path.of(DRIVER)), DRIVER + " missing");
    Assumptions.assumeTrue(Files.isExecutable(Path.of(CHROMIUM)), CHROMIUM + " missing");
    System.setProperty("webdriver.chrome.driver", DRIVER);
    // no CDP bindings are needed; Selenium's warning that none matches this Chromium is noise
    java.util.logging.Logger.getLogger("org.openqa.selenium")
        .setLevel(java.util.logging.Level.SEVERE);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER))
            .usingAnyFreePort()
            .build();
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM);
    o.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
        "--user-data-dir=" + profile);
    ChromeDriver d = new ChromeDriver(service, o);
    d.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    return d;
  }

  /** Saves a screenshot as {@code target/screenshots/<name>.png}. */
  static void screenshot(ChromeDriver d, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File f = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
    Files.copy(f.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
