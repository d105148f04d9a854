package io.stratum.app.log;

/**
 * A value fit for one log line: control characters escaped (so a request value cannot end the line
 * and forge the next, or recolour a terminal) and the length bounded (so a 10 MB header is not
 * logged whole). The log layout applies it to every argument of every message, ours and the
 * libraries' (see {@link SafeMessage}), so call sites need not remember to.
 *
 * <pre>{@code
 * LogSafe.value("evil\n12:00:00 INFO forged") // "evil\\n12:00:00 INFO forged"
 * }</pre>
 */
public final class LogSafe {
  /** The longest a logged value gets, in characters, before its marker. */
  public static final int MAX_VALUE = 200;

  /** The longest a whole message gets: room for several values and the text around them. */
  public static final int MAX_MESSAGE = 2000;

  private LogSafe() {}

  /** {@code value} as text, escaped and cut to {@value #MAX_VALUE} characters with a marker. */
  public static String value(Object value) {
    return escape(String.valueOf(value), MAX_VALUE);
  }

  /**
   * {@code text} with every control character escaped ({@code \n}, {@code \r}, {@code \t}, {@code
   * \u001B} as {@code \u001b}, and the Unicode line breaks), cut to about {@code max} characters
   * and marked with how many more there were: {@code …[+12345 chars]}.
   */
  public static String escape(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 24);
    for (int i = 0; i < text.length(); i++) {
      if (out.length() >= max) {
        return out.append("…[+").append(text.length() - i).append(" chars]").toString();
      }
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (unsafe(c)) {
            out.append("\\u").append(String.format("%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** C0 and C1 controls, DEL, and the characters some viewers break lines at. */
  static boolean unsafe(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }
}
