package neuronlens.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import neuronlens.NeuronlensException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/**
 * The {@code neuronlens} command. Only {@link #main} calls {@code System.exit}; tests call {@link
 * #run} in-process. Exit codes: 0 success, 1 unexpected failure, 2 usage error, 3 bad data, 4 bad
 * model file, 5 unwritable output, 6 training diverged, 130 interrupted.
 */
@Command(
    name = "neuronlens",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Train small networks on MNIST-style images and see what every neuron learned.",
    subcommands = {
      RunCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      WeightsCommand.class,
      MaximizeCommand.class,
      CompareCommand.class,
      ExamplesCommand.class,
      AblateCommand.class,
      MatchCommand.class,
      SaliencyCommand.class,
      ReportCommand.class,
      ServeCommand.class,
      DataCommand.class,
      BenchCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit code of an unexpected failure (a bug). */
  public static final int EXIT_FAILURE = 1;

  /** Exit code of a usage error. */
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /** Runs the command line in-process and returns its exit code. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    Console console = new Console(out, err);
    CommandLine cl = new CommandLine(new Main(), new Factory(console));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler((ex, line, parsed) -> handle(console, ex));
    cl.setParameterExceptionHandler(Main::usageError);
    cl.registerConverter(Path.class, Main::path);
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      // sizes the range checks allow can still exceed a small heap: say so in one line
      console.error(
          "out of memory ("
              + e.getMessage()
              + "): expected sizes that fit in "
              + Runtime.getRuntime().maxMemory() / (1 << 20)
              + " MB of Java heap; choose smaller"
              + " sizes or give Java more with -Xmx");
      console.debugTrace(e);
      return EXIT_FAILURE;
    }
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command: try neuronlens run");
  }

  private static int handle(Console console, Exception ex) {
    if (ex instanceof NeuronlensException ne) {
      console.error(ne.getMessage());
      console.debugTrace(ne);
      return ne.exitCode();
    }
    if (ex instanceof ParameterException pe) {
      return usageError(pe, new String[0]);
    }
    console.error("internal error: " + ex + " (please report it; --debug shows where)");
    console.debugTrace(ex);
    return EXIT_FAILURE;
  }

  private static int usageError(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println(
        Console.errorLine(
            ex.getMessage() + " (try 'neuronlens " + subcommandPath(cl) + "--help')"));
    err.flush();
    return EXIT_USAGE;
  }

  /** picocli's own converter would name InvalidPathException; say what is wrong instead. */
  private static Path path(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new CommandLine.TypeConversionException(
          "expected a path, found '"
              + value.replace("\0", "\\0")
              + "' ("
              + e.getReason().toLowerCase(Locale.ROOT)
              + ")");
    }
  }

  private static String subcommandPath(CommandLine cl) {
    StringBuilder sb = new StringBuilder();
    for (CommandLine c = cl; c.getParent() != null; c = c.getParent()) {
      sb.insert(0, c.getCommandName() + " ");
    }
    return sb.toString();
  }
}
