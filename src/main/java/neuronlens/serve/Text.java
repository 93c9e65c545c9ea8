package neuronlens.serve;

/** Small helpers for echoing client input safely in error messages. */
final class Text {
  private static final int MAX = 40;

  private Text() {}

  /** {@code s} cut to a few printable ASCII characters, so an error never echoes a large input. */
  static String clip(String s) {
    if (s == null) {
      return "nothing";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < MAX; i++) {
      char c = s.charAt(i);
      sb.append(c >= 32 && c < 127 ? c : '?');
    }
    return s.length() > MAX ? sb + "..." : sb.toString();
  }

  /** Parses a whole number given in a query or path; 400 naming {@code what} if it is not one. */
  static long integer(String what, String s) {
    if (s == null || !s.matches("-?[0-9]{1,9}")) {
      throw ApiException.badRequest(what + ": expected a whole number, found " + clip(s));
    }
    return Long.parseLong(s);
  }
}
