package neuronlens.data;

import java.util.ArrayList;
import java.util.List;

/**
 * What a dataset's classes are called, for people: MNIST's are the digits themselves,
 * Fashion-MNIST's the ten kinds of clothing (Zalando's names, in label order); images from a
 * directory of unknown origin get their label numbers.
 *
 * @param noun what one example is ("digit", "class"), for sentences such as "rows: true digit"
 * @param names the name of each label, in label order
 */
public record ClassNames(String noun, List<String> names) {
  /** MNIST: the digits 0 to 9. */
  public static final ClassNames DIGITS = new ClassNames("digit", numbers(10));

  /** Fashion-MNIST, as its README lists the labels. */
  public static final ClassNames FASHION =
      new ClassNames(
          "class",
          List.of(
              "T-shirt/top",
              "Trouser",
              "Pullover",
              "Dress",
              "Coat",
              "Sandal",
              "Shirt",
              "Sneaker",
              "Bag",
              "Ankle boot"));

  public ClassNames {
    names = List.copyOf(names);
  }

  /** Classes known only by their label numbers. */
  public static ClassNames numbered(int classes) {
    return new ClassNames("class", numbers(classes));
  }

  /** The name of label {@code k} (its number when the list has none for it). */
  public String name(int k) {
    return k >= 0 && k < names.size() ? names.get(k) : Integer.toString(k);
  }

  /** Label {@code k}'s name after its indefinite article: "a 7", "an 8", "an Ankle boot". */
  public String withArticle(int k) {
    String n = name(k);
    boolean an =
        n.matches("(?i)[aeiou].*") || n.startsWith("8") || n.equals("11") || n.equals("18");
    return (an ? "an " : "a ") + n;
  }

  /** Whether every name is its label's number, so that writing both would say it twice. */
  public boolean numeric() {
    for (int k = 0; k < names.size(); k++) {
      if (!names.get(k).equals(Integer.toString(k))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> numbers(int n) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      out.add(Integer.toString(k));
    }
    return out;
  }
}
