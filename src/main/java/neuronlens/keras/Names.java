package neuronlens.keras;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Formatting for messages: member names in a stable order, architectures as "784-128-10". */
final class Names {
  private Names() {}

  /** Names sorted so that "2" comes before "10"; "[]" when there are none. */
  static String sorted(Collection<String> names) {
    List<String> list = new ArrayList<>(names);
    list.sort(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
    return list.toString();
  }

  /** "784-128-10". */
  static String sizes(int[] sizes) {
    StringBuilder sb = new StringBuilder();
    for (int s : sizes) {
      sb.append(sb.length() > 0 ? "-" : "").append(s);
    }
    return sb.toString();
  }
}
