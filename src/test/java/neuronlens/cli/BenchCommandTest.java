package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench} on a tiny synthetic dataset: each summary line's median and spread are those of the
 * timed runs it printed one by one (the median the middle one of three, the spread their fastest
 * and slowest), and so is the range of what the calling thread allocated in each training run.
 */
class BenchCommandTest {
  @TempDir static Path tmp;

  @Test
  void theSummaryGivesTheMedianAndTheSpreadOfTheTimedRuns() {
    String data = TinyData.write(tmp.resolve("data")).toString();
    CliRun r =
        CliRun.of(
            "bench",
            "--data",
            data,
            "--epochs",
            "1",
            "--runs",
            "3",
            "--warmup",
            "0",
            "--am-steps",
            "5");
    assertThat(r.exit()).as(r.err()).isZero();
    String all = r.out() + r.err();
    checkSummary(all, "training run \\d/3: ([0-9.]+) s", "training, seed recipe: median");
    checkSummary(all, "AM run \\d/3: .* in ([0-9.]+) s", "activation maximization, .*: median");
    // each run's allocation on the calling thread (the trainer's arrays at least), and the
    // summary's range of them
    List<Double> allocated = new ArrayList<>();
    Matcher m = Pattern.compile("([0-9.]+) MB allocated by the calling thread").matcher(all);
    while (m.find()) {
      allocated.add(Double.parseDouble(m.group(1)));
    }
    assertThat(allocated).hasSize(3).allSatisfy(mb -> assertThat(mb).isPositive());
    Matcher range =
        Pattern.compile("the calling thread allocated ([0-9.]+)-([0-9.]+) MB a run").matcher(all);
    assertThat(range.find()).as(all).isTrue();
    assertThat(Double.parseDouble(range.group(1))).isEqualTo(Collections.min(allocated));
    assertThat(Double.parseDouble(range.group(2))).isEqualTo(Collections.max(allocated));
  }

  private static void checkSummary(String output, String runLine, String summaryStart) {
    List<String> runs = new ArrayList<>();
    Matcher m = Pattern.compile(runLine).matcher(output);
    while (m.find()) {
      runs.add(m.group(1));
    }
    assertThat(runs).as(runLine).hasSize(3);
    List<Double> sorted = new ArrayList<>();
    runs.forEach(s -> sorted.add(Double.parseDouble(s)));
    Collections.sort(sorted);
    Matcher s =
        Pattern.compile(summaryStart + " ([0-9.]+) s \\(.*runs ([0-9.]+)-([0-9.]+) s\\)")
            .matcher(output);
    assertThat(s.find()).as(summaryStart + " in:\n" + output).isTrue();
    assertThat(Double.parseDouble(s.group(1))).isEqualTo(sorted.get(1));
    assertThat(Double.parseDouble(s.group(2))).isEqualTo(sorted.get(0));
    assertThat(Double.parseDouble(s.group(3))).isEqualTo(sorted.get(2));
  }
}
