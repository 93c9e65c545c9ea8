package neuronlens.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The app in a real (headless) browser: gallery, a neuron, drawing a 1, watching AM run. */
class BrowserTest {
  @TempDir static Path profile;
  private static NeuronServer server;
  private static ChromeDriver driver;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() {
    driver = Browser.start(profile);
    server = NeuronServer.start(ServeFixtures.model(), "127.0.0.1", 0, System.err::println);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  private static void open(String hash) {
    driver.get(server.uri() + hash);
  }

  @Test
  void galleryShowsEveryFirstLayerUnitAndOpensANeuron() throws Exception {
    open("#/gallery");
    wait.until(d -> d.findElements(By.cssSelector("#gallery-grid .card")).size() == 128);
    Browser.screenshot(driver, "gallery");
    driver.findElements(By.cssSelector("#gallery-grid .card")).get(6).click();
    wait.until(ExpectedConditions.textToBe(By.id("neuron-title"), "dense · neuron 6"));
    if (ServeFixtures.model().test() != null) {
      wait.until(d -> d.findElements(By.cssSelector("#neuron-top figure")).size() == 9);
    }
    Browser.screenshot(driver, "neuron");
    driver.findElement(By.id("neuron-next")).click();
    wait.until(ExpectedConditions.textToBe(By.id("neuron-title"), "dense · neuron 7"));
  }

  @Test
  void theGalleryGroupsUnitsByTheClassTheyAnswerToMost() throws Exception {
    Assumptions.assumeTrue(
        ServeFixtures.model().test() != null && ServeFixtures.trained(),
        "needs the seed's model and the MNIST test set");
    open("#/gallery/dense");
    wait.until(d -> d.findElements(By.cssSelector("#gallery-grid .card")).size() == 128);
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("gallery-order")))
        .selectByValue("class");
    wait.until(d -> !d.findElements(By.cssSelector("#gallery-grid h3.group")).isEmpty());
    List<String> groups =
        driver.findElements(By.cssSelector("#gallery-grid h3.group")).stream()
            .map(WebElement::getText)
            .toList();
    // classes in order, then the seed's 32 dead units; every unit in exactly one group
    assertThat(groups.get(groups.size() - 1)).isEqualTo("dead (32)");
    int total = 0;
    int last = -1;
    for (String g : groups) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+)\\)$").matcher(g);
      assertThat(m.find()).as(g).isTrue();
      total += Integer.parseInt(m.group(1));
      if (g.startsWith("answers most to ")) {
        int c = Integer.parseInt(g.substring("answers most to ".length(), g.indexOf(' ', 16)));
        assertThat(c).isGreaterThan(last);
        last = c;
      }
    }
    assertThat(total).isEqualTo(128);
    assertThat(driver.findElements(By.cssSelector("#gallery-grid .card"))).hasSize(128);
    Browser.screenshot(driver, "gallery-by-class");
    // by what knocking each out costs: the server's knock-outs, the most costly first, dead last
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("gallery-order")))
        .selectByValue("knock-out");
    wait.until(d -> d.findElements(By.cssSelector("#gallery-grid h3.group")).isEmpty());
    neuronlens.vis.Ablation a = ServeFixtures.model().layers().get(0).ablation();
    int[] order = a.byLossChange();
    List<String> heads =
        driver.findElements(By.cssSelector("#gallery-grid .card .card-head b")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(heads.subList(0, 3)).containsExactly("#" + order[0], "#" + order[1], "#" + order[2]);
    List<WebElement> cards = driver.findElements(By.cssSelector("#gallery-grid .card"));
    for (int i = 0; i < 128; i++) {
      assertThat(cards.get(i).getAttribute("class").contains("is-dead")).isEqualTo(i >= 128 - 32);
    }
    assertThat(driver.findElement(By.cssSelector("#gallery-grid .card .card-head span")).getText())
        .isEqualTo(
            String.format(java.util.Locale.ROOT, "%.2f pp", 100 * a.accuracyChange(order[0]))
                .replace('-', '−'));
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("gallery-order")))
        .selectByValue("unit");
    wait.until(d -> d.findElements(By.cssSelector("#gallery-grid h3.group")).isEmpty());
  }

  @Test
  void drawingAOneWithTheMousePredictsOne() throws Exception {
    Assumptions.assumeTrue(ServeFixtures.trained(), "needs the seed's trained weights");
    open("#/draw");
    WebElement pad = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pad")));
    Actions a = new Actions(driver).moveToElement(pad, 0, -95).clickAndHold();
    for (int i = 0; i < 19; i++) {
      a.moveByOffset(0, 10);
    }
    a.release().perform();
    wait.until(ExpectedConditions.textToBe(By.id("prediction"), "1"));
    wait.until(d -> d.findElements(By.cssSelector("#active .neuron-card")).size() > 0);
    Browser.screenshot(driver, "draw-one");
    driver.findElement(By.id("clear")).click();
    wait.until(ExpectedConditions.textToBe(By.id("prediction"), "–"));
  }

  /**
   * Undo takes back a stroke, a clearing and a test image, each to the very pixels it changed, by
   * the button and by Ctrl+Z; with nothing left to undo the button is disabled.
   */
  @Test
  void undoTakesBackStrokesClearingAndTestImages() throws Exception {
    open("#/draw");
    WebElement pad = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pad")));
    WebElement undo = driver.findElement(By.id("undo"));
    driver.findElement(By.id("clear")).click();
    while (undo.isEnabled()) {
      undo.click(); // earlier tests' changes
    }
    wait.until(ExpectedConditions.textToBe(By.id("prediction"), "–"));
    String empty = padImage();
    Actions down = new Actions(driver).moveToElement(pad, 0, -95).clickAndHold();
    for (int i = 0; i < 19; i++) {
      down.moveByOffset(0, 10);
    }
    down.release().perform();
    wait.until(d -> !d.findElement(By.id("prediction")).getText().equals("–"));
    String one = padImage();
    String afterOne = driver.findElement(By.id("prediction")).getText();
    Actions across = new Actions(driver).moveToElement(pad, -90, -90).clickAndHold();
    for (int i = 0; i < 18; i++) {
      across.moveByOffset(10, 0);
    }
    across.release().perform();
    wait.until(d -> !padImage().equals(one));
    driver.findElement(By.id("clear")).click();
    wait.until(ExpectedConditions.textToBe(By.id("prediction"), "–"));
    assertThat(padImage()).isEqualTo(empty);
    undo.click(); // the clearing
    wait.until(d -> !padImage().equals(empty));
    assertThat(padImage()).isNotEqualTo(one); // both strokes back
    new Actions(driver).keyDown(Keys.CONTROL).sendKeys("z").keyUp(Keys.CONTROL).perform();
    wait.until(d -> padImage().equals(one)); // the second stroke taken back
    wait.until(ExpectedConditions.textToBe(By.id("prediction"), afterOne));
    undo.click(); // the first
    wait.until(ExpectedConditions.textToBe(By.id("prediction"), "–"));
    assertThat(padImage()).isEqualTo(empty);
    assertThat(undo.isEnabled()).isFalse();
    if (driver.findElement(By.id("test-image")).isDisplayed()) {
      driver.findElement(By.id("test-image")).click();
      wait.until(d -> !padImage().equals(empty));
      undo.click();
      wait.until(ExpectedConditions.textToBe(By.id("test-caption"), ""));
      assertThat(padImage()).isEqualTo(empty);
    }
  }

  private String padImage() {
    return (String) driver.executeScript("return document.getElementById('pad').toDataURL()");
  }

  @Test
  void testImagesComeOneAfterAnotherAndArePredictedAsTheyAre() throws Exception {
    ServeModel m = ServeFixtures.model();
    Assumptions.assumeTrue(m.test() != null, "needs the MNIST test set");
    open("#/draw");
    WebElement button =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-image")));
    driver.findElement(By.id("clear")).click();
    Predictor predictor = new Predictor(m.mlp(), m.kernels());
    for (int i = 0; i < 3; i++) {
      button.click();
      String caption = "test image " + i + " · true label " + m.test().label(i);
      wait.until(ExpectedConditions.textToBe(By.id("test-caption"), caption));
      // the model's own answer for the image as the test set holds it (not shifted to its centre
      // of mass), computed here without the browser
      Object expected =
          predictor.predict(neuronlens.vis.DatasetExamples.pixels(m.test(), i)).get("prediction");
      wait.until(ExpectedConditions.textToBe(By.id("prediction"), String.valueOf(expected)));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("why")));
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("why-caption"), "Why " + expected + ":"));
      // and the pad shows the image: its brightest pixels where the test image's are
      Number padSum =
          (Number)
              driver.executeScript(
                  "const c = document.getElementById('pad-input');"
                      + "const d = c.getContext('2d').getImageData(0, 0, 28, 28).data;"
                      + "let s = 0; for (let q = 0; q < 784; q++) s += d[4 * q]; return s;");
      long sum = 0;
      for (int q = 0; q < 784; q++) {
        sum += m.test().pixel(i, q);
      }
      assertThat(padSum.doubleValue()).isCloseTo(sum, org.assertj.core.data.Offset.offset(784.0));
    }
    Browser.screenshot(driver, "draw-test-image");
    // a click on another class's bar explains that class; a second click goes back
    driver.findElements(By.cssSelector("#probabilities .bar")).get(4).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("why-caption"), "What speaks for 4:"));
    driver.findElements(By.cssSelector("#probabilities .bar")).get(4).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("why-caption"), "Why "));
    driver.findElement(By.id("clear")).click();
    wait.until(ExpectedConditions.textToBe(By.id("test-caption"), ""));
  }

  /**
   * Knock-out mode: clicking units silences them, and the page shows what the model without them
   * says (as the predictor computes it here), the whole model's answer beside it; Restore brings
   * them back. A unit's page says what knocking it out does on the test set.
   */
  @Test
  void knockingOutUnitsChangesWhatThePageShows() throws Exception {
    ServeModel m = ServeFixtures.model();
    Assumptions.assumeTrue(m.test() != null, "needs the MNIST test set");
    open("#/draw");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-image"))).click();
    // the page may have shown test images before: whichever came, the model is asked about it
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("test-caption"), "test image "));
    int image = Integer.parseInt(driver.findElement(By.id("test-caption")).getText().split(" ")[2]);
    float[] px = neuronlens.vis.DatasetExamples.pixels(m.test(), image);
    Predictor predictor = new Predictor(m.mlp(), m.kernels());
    float[] contributions = (float[]) predictor.predict(px).get("contributions");
    Integer[] order = new Integer[contributions.length];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
    }
    java.util.Arrays.sort(order, (x, y) -> Float.compare(contributions[y], contributions[x]));
    wait.until(d -> d.findElements(By.cssSelector("#hidden a")).size() == 128);
    driver.findElement(By.id("knock-mode")).click();
    int[] knocked = {order[0], order[1], order[2]};
    for (int i = 0; i < knocked.length; i++) {
      // each click re-renders the cells when its answer comes: click the cell the page has now,
      // and wait for that answer before the next
      driver.executeScript(
          "document.querySelectorAll('#hidden a')[arguments[0]].click()", knocked[i]);
      int off = i + 1;
      wait.until(d -> d.findElements(By.cssSelector("#hidden a.off")).size() == off);
    }
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("intact"), "3 units knocked out"));
    assertThat(driver.getCurrentUrl()).endsWith("#/draw"); // a click knocks out, it does not open
    java.util.Arrays.sort(knocked);
    java.util.Map<String, Object> without = predictor.predict(px, -1, knocked);
    int k = (Integer) without.get("prediction");
    float[] p = (float[]) without.get("probabilities");
    wait.until(ExpectedConditions.textToBe(By.id("prediction"), String.valueOf(k)));
    wait.until(
        ExpectedConditions.textToBe(
            By.id("confidence"), String.format(java.util.Locale.ROOT, "%.1f%%", 100 * p[k])));
    Browser.screenshot(driver, "draw-knock-out");
    driver.findElement(By.id("knock-restore")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("intact")));
    assertThat(driver.findElements(By.cssSelector("#hidden a.off"))).isEmpty();
    driver.findElement(By.id("knock-mode")).click();
    // out of knock-out mode a click opens the unit, whose page has its knock-out on the test set
    driver.executeScript(
        "document.querySelectorAll('#hidden a')[arguments[0]].click()", knocked[0]);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("neuron-facts"), "knocked out, on 10,000 test images"));
    // and a button that knocks it out on the Draw page, where the image still is
    driver.findElement(By.id("neuron-knock")).click();
    wait.until(ExpectedConditions.urlToBe(server.uri() + "#/draw"));
    wait.until(d -> d.findElements(By.cssSelector("#hidden a.off")).size() == 1);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("intact"), "1 unit knocked out"));
    driver.findElement(By.id("knock-restore")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("intact")));
  }

  /**
   * "Turn it into" walks a test image to another class: the page ends on that class, says how, and
   * one undo brings back the image and the model's first answer.
   */
  @Test
  void aTestImageIsTurnedIntoAnotherClassAndBack() throws Exception {
    ServeModel m = ServeFixtures.model();
    Assumptions.assumeTrue(m.test() != null && ServeFixtures.trained(), "needs the seed and MNIST");
    open("#/draw");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-image"))).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("test-caption"), "test image "));
    int image = Integer.parseInt(driver.findElement(By.id("test-caption")).getText().split(" ")[2]);
    Object first =
        new Predictor(m.mlp(), m.kernels())
            .predict(neuronlens.vis.DatasetExamples.pixels(m.test(), image))
            .get("prediction");
    wait.until(ExpectedConditions.textToBe(By.id("prediction"), String.valueOf(first)));
    int target = first.equals(3) ? 8 : 3;
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("morph-class")))
        .selectByValue(String.valueOf(target));
    driver.findElement(By.id("morph")).click();
    // the same walk as the library's, step for step
    neuronlens.vis.Counterfactual walk =
        neuronlens.vis.Counterfactual.walk(
            m.mlp(), neuronlens.vis.DatasetExamples.pixels(m.test(), image), target, m.kernels());
    assertThat(walk.reached()).isTrue();
    wait.until(
        ExpectedConditions.textToBe(
            By.id("morph-status"),
            "read as "
                + target
                + " after "
                + walk.steps()
                + (walk.steps() == 1 ? " step, " : " steps, ")
                + walk.changed()
                + " pixels changed (Undo takes it back)"));
    wait.until(ExpectedConditions.textToBe(By.id("prediction"), String.valueOf(target)));
    Browser.screenshot(driver, "draw-turned");
    driver.findElement(By.id("undo")).click();
    wait.until(ExpectedConditions.textToBe(By.id("prediction"), String.valueOf(first)));
    wait.until(ExpectedConditions.textToBe(By.id("morph-status"), ""));
    assertThat(driver.findElement(By.id("center")).isSelected()).isTrue(); // centring back too
  }

  @Test
  void namedClassesAppearByName() throws Exception {
    // the fixture's model and test images with Fashion-MNIST's class names: the page must show
    // the names the server sends, wherever it shows a class
    ServeModel m = ServeFixtures.model();
    Assumptions.assumeTrue(m.test() != null, "needs the MNIST test set");
    ServeModel named =
        new ServeModel(
            m.mlp(),
            m.kernels(),
            m.threads(),
            m.source(),
            m.test(),
            m.layers(),
            neuronlens.data.ClassNames.FASHION);
    NeuronServer other = NeuronServer.start(named, "127.0.0.1", 0, System.err::println);
    try {
      driver.get(other.uri() + "#/draw");
      WebElement button =
          wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-image")));
      button.click();
      String label = neuronlens.data.ClassNames.FASHION.name(m.test().label(0));
      wait.until(
          ExpectedConditions.textToBe(By.id("test-caption"), "test image 0 · true label " + label));
      Object k =
          new Predictor(m.mlp(), m.kernels())
              .predict(neuronlens.vis.DatasetExamples.pixels(m.test(), 0))
              .get("prediction");
      String name = neuronlens.data.ClassNames.FASHION.name((Integer) k);
      wait.until(ExpectedConditions.textToBe(By.id("prediction"), name));
      assertThat(
              driver.findElements(By.cssSelector("#probabilities .bar b")).stream()
                  .map(WebElement::getText)
                  .toList())
          .isEqualTo(neuronlens.data.ClassNames.FASHION.names());
      Browser.screenshot(driver, "draw-named-classes");
      driver.get(other.uri() + "#/gallery/dense_1");
      wait.until(
          d ->
              d.findElements(By.cssSelector("#gallery-grid .card .card-head b")).stream()
                  .map(WebElement::getText)
                  .toList()
                  .equals(
                      java.util.stream.IntStream.range(0, 10)
                          .mapToObj(c -> "#" + c + " " + neuronlens.data.ClassNames.FASHION.name(c))
                          .toList()));
      // a hidden unit's weights go to the classes: named on its page
      driver.get(other.uri() + "#/neuron/dense/6");
      wait.until(
          d ->
              d
                  .findElements(By.cssSelector(".outgoing:not(.by-class) .orow > span:first-child"))
                  .stream()
                  .map(WebElement::getText)
                  .toList()
                  .equals(neuronlens.data.ClassNames.FASHION.names()));
      // and its mean activation on each class's test images, by class name too
      wait.until(
          d ->
              d.findElements(By.cssSelector(".by-class .orow > span:first-child")).stream()
                  .map(WebElement::getText)
                  .toList()
                  .equals(neuronlens.data.ClassNames.FASHION.names()));
    } finally {
      other.close();
    }
  }

  @Test
  void drawingWithTouchEventsAlsoPredicts() throws Exception {
    open("#/draw");
    WebElement pad = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pad")));
    driver.findElement(By.id("clear")).click();
    driver.executeScript(
        "const pad = arguments[0], r = pad.getBoundingClientRect();"
            + "const touch = (type, y) => { const t = new Touch({identifier: 1, target: pad,"
            + "  clientX: r.left + r.width / 2, clientY: r.top + y});"
            + "  pad.dispatchEvent(new TouchEvent(type, {touches: type === 'touchend' ? [] : [t],"
            + "  changedTouches: [t], cancelable: true, bubbles: true})); };"
            + "touch('touchstart', 40); for (let y = 50; y <= 240; y += 10) touch('touchmove', y);"
            + "touch('touchend', 240);",
        pad);
    wait.until(d -> !d.findElement(By.id("prediction")).getText().equals("–"));
    if (ServeFixtures.trained()) {
      wait.until(ExpectedConditions.textToBe(By.id("prediction"), "1"));
    }
  }

  @Test
  void maximizeShowsTheImageEvolving() throws Exception {
    open("#/maximize/dense/6");
    wait.until(ExpectedConditions.attributeToBe(By.id("am-neuron"), "value", "6"));
    driver.findElement(By.id("run-am")).click();
    Set<String> seen = new HashSet<>();
    long end = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < end) {
      seen.add(
          (String) driver.executeScript("return document.getElementById('am-image').toDataURL()"));
      String status = driver.findElement(By.id("am-status")).getText();
      if (status.startsWith("done")) {
        break;
      }
      Thread.sleep(40);
    }
    assertThat(driver.findElement(By.id("am-status")).getText()).startsWith("done");
    assertThat(seen).as("distinct AM frames seen while it ran").hasSizeGreaterThanOrEqualTo(4);
    Browser.screenshot(driver, "maximize");
  }

  @Test
  void badMaximizeSettingsShowTheServersMessage() throws Exception {
    open("#/maximize/dense/6");
    wait.until(ExpectedConditions.attributeToBe(By.id("am-neuron"), "value", "6"));
    driver.executeScript(
        "document.getElementById('am-lr').value = 50;"
            + "document.getElementById('am-form').requestSubmit();");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("error"), "lr: expected a number in (0, 10]"));
  }
}
