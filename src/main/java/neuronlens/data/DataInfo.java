package neuronlens.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code data info} shows about a loaded dataset: sizes and per-class counts of each split,
 * the image size, the SHA-256 of each file and where the files came from.
 *
 * @param name dataset name
 * @param origin where it was read (and fetched) from
 * @param rows image height
 * @param cols image width
 * @param splitCounts examples in train, dev, test
 * @param classCounts per split (train, dev, test), examples of each class 0..9
 * @param sha256 file name to SHA-256 of the raw file
 */
public record DataInfo(
    String name,
    String origin,
    int rows,
    int cols,
    Map<String, Integer> splitCounts,
    Map<String, int[]> classCounts,
    Map<String, String> sha256) {

  /** Describes {@code data}. */
  public static DataInfo of(LoadedData data) {
    Splits s = data.splits();
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, int[]> classes = new LinkedHashMap<>();
    String[] names = {"train", "dev", "test"};
    Dataset[] sets = {s.train(), s.dev(), s.test()};
    for (int i = 0; i < names.length; i++) {
      counts.put(names[i], sets[i].count());
      classes.put(names[i], sets[i].classCounts());
    }
    Map<String, String> sha = new LinkedHashMap<>();
    for (MnistFile f : MnistFile.values()) {
      sha.put(f.fileName(), data.sha256().get(f));
    }
    return new DataInfo(
        data.name(), data.origin(), s.train().rows(), s.train().cols(), counts, classes, sha);
  }

  /** Plain text, one fact per line, for a terminal. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add("dataset: " + name);
    out.add("source: " + origin);
    out.add("image size: " + rows + " x " + cols);
    for (Map.Entry<String, Integer> e : splitCounts.entrySet()) {
      out.add(
          String.format(
              "%-5s %6d examples, per class 0..9: %s",
              e.getKey() + ":", e.getValue(), Arrays.toString(classCounts.get(e.getKey()))));
    }
    for (Map.Entry<String, String> e : sha256.entrySet()) {
      out.add("sha256 " + e.getKey() + ": " + e.getValue());
    }
    return out;
  }
}
