package neuronlens.report;

/**
 * Markup that is safe to put into a page as it is. Text becomes markup only through {@link #text},
 * which escapes it; {@link Template} escapes every value that is not already {@code Html}, so a
 * string from a file name, a title or a dataset can never open a tag.
 *
 * @param markup the HTML
 */
public record Html(String markup) {
  /** Empty markup. */
  public static final Html EMPTY = new Html("");

  /** Checks for null. */
  public Html {
    if (markup == null) {
      throw new IllegalArgumentException("markup must not be null");
    }
  }

  /** {@code text} escaped for element content and quoted attribute values. */
  public static Html text(String text) {
    return new Html(escape(text));
  }

  /** Escapes {@code & < > " '}; null becomes the empty string. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The concatenation of {@code parts}. */
  public static Html join(Iterable<Html> parts) {
    StringBuilder sb = new StringBuilder();
    for (Html h : parts) {
      sb.append(h.markup);
    }
    return new Html(sb.toString());
  }

  @Override
  public String toString() {
    return markup;
  }
}
