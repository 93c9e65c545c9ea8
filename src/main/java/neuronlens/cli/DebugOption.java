package neuronlens.cli;

import picocli.CommandLine.Option;

/** The {@code --debug} option every command has: stack traces on errors. */
final class DebugOption {
  private final Console console;

  DebugOption(Console console) {
    this.console = console;
  }

  @Option(names = "--debug", description = "Print stack traces on errors.")
  void setDebug(boolean debug) {
    console.setDebug(debug);
  }
}
