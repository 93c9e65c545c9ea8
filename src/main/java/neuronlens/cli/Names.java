package neuronlens.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import neuronlens.data.KnownDataset;
import neuronlens.vis.Colormap;
import neuronlens.vis.Objective;
import neuronlens.vis.Optimizer;
import neuronlens.vis.PixelSpace;
import neuronlens.vis.StartImage;

/**
 * The values of the options that take a name, for shell completion ({@link CompletionCommand}):
 * where an enum's {@code byId} parses the option, its list is read off that enum, so that it
 * follows it. picocli wants a class for each list.
 */
final class Names {
  private Names() {}

  /** A fixed list of names. */
  private abstract static class Listed implements Iterable<String> {
    private final List<String> names;

    Listed(List<String> names) {
      this.names = names;
    }

    <E extends Enum<E>> Listed(E[] values, Function<E, String> id) {
      this(Arrays.stream(values).map(id).toList());
    }

    @Override
    public Iterator<String> iterator() {
      return names.iterator();
    }
  }

  /** {@code --dataset}. */
  static final class Datasets extends Listed {
    Datasets() {
      super(KnownDataset.values(), KnownDataset::id);
    }
  }

  /** {@code --preset} (parsed by {@link neuronlens.vis.AmConfig#preset}). */
  static final class Presets extends Listed {
    Presets() {
      super(List.of("natural", "seed"));
    }
  }

  /** {@code --objective}. */
  static final class Objectives extends Listed {
    Objectives() {
      super(Objective.values(), Objective::id);
    }
  }

  /** {@code --optimizer}. */
  static final class Optimizers extends Listed {
    Optimizers() {
      super(Optimizer.values(), Optimizer::id);
    }
  }

  /** {@code --start}. */
  static final class Starts extends Listed {
    Starts() {
      super(StartImage.values(), StartImage::id);
    }
  }

  /** {@code --space}. */
  static final class Spaces extends Listed {
    Spaces() {
      super(PixelSpace.values(), PixelSpace::id);
    }
  }

  /** {@code --colormap}. */
  static final class Colormaps extends Listed {
    Colormaps() {
      super(Colormap.values(), Colormap::id);
    }
  }

  /** {@code evaluate --split}. */
  static final class Splits extends Listed {
    Splits() {
      super(List.of("test", "dev", "train"));
    }
  }
}
