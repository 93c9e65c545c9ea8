package neuronlens.cli;

import picocli.CommandLine;

/** Reads the version from the jar's manifest (the Maven project version). */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "neuronlens " + (v == null ? "(development build)" : v),
      "Java " + System.getProperty("java.version")
    };
  }
}
