package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command, every kind of bad value: the exit code the README documents and exactly one line
 * on stderr, "neuronlens: error: ...", naming the option or file, with no stack trace. Runs on a
 * tiny synthetic dataset and a 784-16-10 model trained on it, so it needs neither MNIST nor the
 * seed's file.
 */
class ErrorModelTest {
  @TempDir static Path tmp;
  static String data;
  static String model;
  static String file;
  static String dir;
  static String under;

  @BeforeAll
  static void setUp() throws Exception {
    data = TinyData.write(tmp.resolve("data")).toString();
    model = TinyData.trainModel(Path.of(data), tmp.resolve("trained")).toString();
    file = Files.writeString(tmp.resolve("a-file"), "not a directory\n").toString();
    dir = Files.createDirectories(tmp.resolve("a-dir")).toString();
    under = file + "/sub"; // cannot be created, even by root
  }

  static List<Arguments> cases() {
    List<Arguments> c = new ArrayList<>();
    String[] train = {"train", "--data", data, "--out", tmp.resolve("t").toString()};
    add(c, 2, "--hidden", train, "--hidden", "0");
    add(c, 2, "found -5", train, "--hidden", "-5");
    add(c, 2, "'abc'", train, "--hidden", "abc");
    add(c, 2, "--hidden", train, "--hidden", "65536,65536");
    add(c, 2, "--batch-size", train, "--batch-size", "0");
    add(c, 2, "--batch-size", train, "--batch-size", "1048576");
    add(c, 2, "--epochs", train, "--epochs", "0");
    add(c, 2, "--threads", train, "--threads", "-1");
    add(c, 2, "--learning-rate", train, "--learning-rate", "NaN");
    add(c, 2, "--learning-rate", train, "--learning-rate", "-0.5");
    add(c, 2, "--learning-rate", train, "--learning-rate", "Infinity");
    add(
        c,
        3,
        "--data",
        new String[] {"train", "--out", tmp.resolve("t").toString()},
        "--data",
        file);
    add(
        c,
        3,
        "found nothing there",
        new String[] {"train", "--out", tmp.resolve("t").toString()},
        "--data",
        tmp.resolve("no-such-dir").toString());
    add(
        c,
        2,
        "--dataset",
        new String[] {"train", "--out", tmp.resolve("t").toString()},
        "--dataset",
        "cifar");
    add(c, 4, "found a directory", train, "--resume", dir);
    add(c, 5, under, new String[] {"train", "--data", data}, "--out", under);
    add(c, 2, "--epochs", new String[] {"run", "--data", data, "--out", under}, "--epochs", "0");
    add(c, 5, under, new String[] {"run", "--data", data}, "--out", under);

    String[] evaluate = {"evaluate", "--data", data};
    add(c, 4, "found a directory", evaluate, "--weights", dir);
    add(c, 4, "no such file", evaluate, "--weights", tmp.resolve("none.h5").toString());
    add(c, 4, "not an HDF5 file", evaluate, "--weights", file);
    add(c, 2, "--split", evaluate, "--weights", model, "--split", "validation");
    add(c, 2, "0..15", evaluate, "--weights", model, "--knock-out", "16");
    add(c, 2, "twice", evaluate, "--weights", model, "--knock-out", "3,3");
    add(c, 2, "--knock-out", evaluate, "--weights", model, "--knock-out", "x");
    add(c, 2, "--weights", evaluate);

    for (String cmd :
        new String[] {"weights", "maximize", "compare", "examples", "ablate", "saliency"}) {
      // weights and compare read no images
      String[] d =
          cmd.equals("weights") || cmd.equals("compare")
              ? new String[0]
              : new String[] {"--data", data};
      String[] vis =
          TrainCommandTest.concat(
              new String[] {cmd, "--weights", model, "--out", tmp.resolve(cmd).toString()}, d);
      if (!cmd.equals("saliency")) {
        add(c, 2, "found -1", vis, "--neuron", "-1");
        add(c, 2, "0..15", vis, "--neuron", "16");
        add(c, 2, "--layer", vis, "--layer", "dense_7");
      }
      add(c, 2, "--threads", vis, "--threads", "-1");
      add(
          c,
          4,
          "found a directory",
          TrainCommandTest.concat(new String[] {cmd}, d),
          "--weights",
          dir);
      add(
          c,
          5,
          under,
          TrainCommandTest.concat(new String[] {cmd, "--weights", model}, d),
          "--out",
          under);
    }
    for (String cmd : new String[] {"maximize", "compare"}) {
      String[] am = {
        cmd, "--weights", model, "--neuron", "1", "--out", tmp.resolve(cmd).toString()
      };
      add(c, 2, "--steps", am, "--steps", "0");
      add(c, 2, "--steps", am, "--steps", "2147483647");
      add(c, 2, "--learning-rate", am, "--learning-rate", "NaN");
      add(c, 2, "--learning-rate", am, "--learning-rate", "-1");
      add(c, 2, "--learning-rate", am, "--learning-rate", "Infinity");
      add(c, 2, "--l2", am, "--l2", "-1");
      add(c, 2, "--tv", am, "--tv", "NaN");
      add(c, 2, "--jitter", am, "--jitter", "99");
      add(c, 2, "--blur-sigma", am, "--blur-every", "1", "--blur-sigma", "0");
      add(c, 2, "--optimizer", am, "--optimizer", "sgd");
      add(c, 2, "--objective", am, "--objective", "logit");
      add(c, 2, "--preset", am, "--preset", "best");
    }
    String[] max = {
      "maximize", "--weights", model, "--neuron", "1", "--out", tmp.resolve("m").toString()
    };
    add(c, 2, "--gif", max, "--gif", "-1");
    add(c, 2, "--gif", max, "--gif", "1", "--steps", "100000");
    add(
        c,
        2,
        "--colormap",
        new String[] {"weights", "--weights", model, "--out", dir},
        "--colormap",
        "jet");
    add(
        c,
        2,
        "hidden layer",
        new String[] {"examples", "--weights", model, "--data", data, "--out", dir},
        "--layer",
        "dense_1");
    String[] match = {"match", "--weights", model, "--data", data, "--out", dir};
    add(c, 2, "--other", match);
    add(c, 4, "no such file", match, "--other", tmp.resolve("none.h5").toString());
    add(c, 2, "hidden layer of both", match, "--other", model, "--layer", "dense_1");
    add(c, 2, "--top", match, "--other", model, "--top", "-1");
    String[] ablate = {"ablate", "--weights", model, "--data", data, "--out", dir};
    add(c, 2, "hidden layer", ablate, "--layer", "dense_1");
    add(c, 2, "--top", ablate, "--top", "-1");
    add(c, 2, "--split", ablate, "--split", "validation");
    String[] saliency = {"saliency", "--weights", model, "--data", data, "--out", dir};
    add(c, 2, "--image", saliency, "--image", "-1");
    add(c, 2, "0..99", saliency, "--image", "100");
    add(c, 2, "--class", saliency, "--class", "10");

    String[] report = {"report", "--weights", model, "--data", data};
    add(c, 2, "--am-steps", report, "--am-steps", "0", "--out", dir);
    add(c, 2, "--threads", report, "--threads", "-1", "--out", dir);
    add(c, 4, "found a directory", new String[] {"report", "--data", data}, "--weights", dir);
    add(c, 5, under, report, "--out", under);
    add(c, 2, "--runs", new String[] {"bench", "--data", data}, "--runs", "0");
    add(c, 2, "--am-steps", new String[] {"bench", "--data", data}, "--am-steps", "0");
    add(c, 2, "--warmup", new String[] {"bench", "--data", data}, "--warmup", "-1");
    add(c, 2, "--hidden", new String[] {"bench", "--data", data}, "--hidden", "0");
    add(c, 2, "--threads", new String[] {"bench", "--data", data}, "--threads", "-1");
    add(c, 2, "--dataset", new String[] {"data", "info"}, "--dataset", "cifar");
    add(c, 3, "--data", new String[] {"data", "info"}, "--data", file);
    add(c, 2, "'bogus'", new String[] {"bogus"});
    add(c, 2, "missing command", new String[0]);
    add(c, 2, "--frobnicate", new String[] {"maximize"}, "--frobnicate", "a", "b");
    return c;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void oneLineExitCodeNoTrace(String name, String[] args, int exit, String mentions) {
    CliRun r = CliRun.of(args);
    assertThat(r.exit()).as(r.err()).isEqualTo(exit);
    assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("neuronlens: error: ").contains(mentions);
    ErrorLines.assertNoTrace(r.err());
    assertThat(r.out()).isEmpty();
  }

  private static void add(
      List<Arguments> c, int exit, String mentions, String[] base, String... more) {
    String[] args = TrainCommandTest.concat(base, more);
    String name =
        args.length == 0 ? "(no command)" : String.join(" ", args).replace(tmp.toString(), "$TMP");
    c.add(Arguments.of(name, args, exit, mentions));
  }
}
