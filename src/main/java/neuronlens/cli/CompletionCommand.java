package neuronlens.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code completion}: prints a bash completion script for every command, option and named value
 * ({@code --dataset}, {@code --preset}, ...), made by picocli from the same model that parses the
 * command line, so that it cannot fall behind it.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a bash completion script for every command, option and named value.",
      "In the current shell: source <(./neuronlens completion)",
      "For every new shell: ./neuronlens completion > ~/.local/share/bash-completion/completions/"
          + "neuronlens"
    })
final class CompletionCommand implements Callable<Integer> {
  private final Console console;
  @Spec CommandSpec spec;

  CompletionCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    String name = spec.root().name();
    console.out().print(AutoComplete.bash(name, spec.root().commandLine()));
    console.out().flush();
    return 0;
  }
}
