package neuronlens.cli;

import picocli.CommandLine;

/** Creates command objects, handing each the {@link Console} of this invocation. */
final class Factory implements CommandLine.IFactory {
  private final Console console;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  Factory(Console console) {
    this.console = console;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    try {
      return cls.getDeclaredConstructor(Console.class).newInstance(console);
    } catch (NoSuchMethodException e) {
      return fallback.create(cls);
    }
  }
}
