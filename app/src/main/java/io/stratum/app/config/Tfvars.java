package io.stratum.app.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict parser for the part of HCL that {@code .tfvars} files use: {@code name = value} where
 * the value is a string, number, {@code true}/{@code false}, {@code null}, a list {@code [...]}, a
 * map {@code {...}} or a heredoc ({@code <<EOF} / {@code <<-EOF}); comments are {@code #}, {@code
 * //} and {@code /* * /}. Anything else (expressions, references, function calls) is an error with
 * its line and column, never silently read as something else. Duplicate names are errors.
 */
final class Tfvars {
  /** A parsed attribute: its value (String, Double, Boolean, null, List, Map) and its line. */
  record Attribute(String name, Object value, int line) {}

  /** A syntax error at a position. */
  static final class SyntaxError extends RuntimeException {
    final int line;

    SyntaxError(String message, int line) {
      super(message);
      this.line = line;
    }
  }

  private final String src;
  private int pos;
  private int line = 1;
  private int col = 1;

  private Tfvars(String src) {
    this.src = src;
  }

  static Map<String, Attribute> parse(String text) {
    return new Tfvars(text).file();
  }

  private Map<String, Attribute> file() {
    Map<String, Attribute> out = new LinkedHashMap<>();
    while (true) {
      skipSpaceAndComments(true);
      if (pos >= src.length()) {
        return out;
      }
      int at = line;
      String name = identifier();
      skipSpaceAndComments(false);
      expect('=');
      skipSpaceAndComments(false);
      Object value = value();
      if (out.containsKey(name)) {
        throw error("'" + name + "' is set twice (first on line " + out.get(name).line() + ")");
      }
      out.put(name, new Attribute(name, value, at));
      skipSpaceAndComments(false);
      if (pos < src.length() && src.charAt(pos) != '\n') {
        throw error(
            "expected a new line after the value of '"
                + name
                + "', found '"
                + src.charAt(pos)
                + "'");
      }
    }
  }

  private Object value() {
    if (pos >= src.length()) {
      throw error("expected a value, found the end of the file");
    }
    char c = src.charAt(pos);
    if (c == '"') {
      return string();
    }
    if (c == '[') {
      return list();
    }
    if (c == '{') {
      return map();
    }
    if (src.startsWith("<<", pos)) {
      return heredoc();
    }
    if (c == '-' || Character.isDigit(c)) {
      return number();
    }
    if (Character.isLetter(c)) {
      int startCol = col;
      String word = identifier();
      return switch (word) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        case "null" -> null;
        default ->
            throw new SyntaxError(
                "line %d:%d: '%s' is not a value; quote strings (\"%s\"), tfvars takes literals only"
                    .formatted(line, startCol, word, word),
                line);
      };
    }
    throw error("expected a value, found '" + c + "'");
  }

  private String string() {
    int startLine = line;
    advance(); // opening quote
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw new SyntaxError(
            "line " + startLine + ": a string opened here is never closed", startLine);
      }
      char c = src.charAt(pos);
      if (c == '"') {
        advance();
        return sb.toString();
      }
      if (c == '$' && src.startsWith("${", pos)) {
        throw error("interpolation ${...} is not allowed in tfvars; write the value itself");
      }
      if (c == '\\') {
        advance();
        char e = pos < src.length() ? src.charAt(pos) : ' ';
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case 'u' -> {
            if (pos + 5 > src.length()) {
              throw error("incomplete \\u escape");
            }
            sb.append((char) Integer.parseInt(src.substring(pos + 1, pos + 5), 16));
            for (int i = 0; i < 4; i++) {
              advance();
            }
          }
          default -> throw error("unknown escape \\" + e);
        }
        advance();
        continue;
      }
      sb.append(c);
      advance();
    }
  }

  private Double number() {
    int start = pos;
    int startCol = col;
    if (src.charAt(pos) == '-') {
      advance();
    }
    while (pos < src.length()
        && (Character.isDigit(src.charAt(pos)) || "._eE+-".indexOf(src.charAt(pos)) >= 0)) {
      advance();
    }
    String text = src.substring(start, pos);
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new SyntaxError(
          "line %d:%d: '%s' is not a number".formatted(line, startCol, text), line);
    }
  }

  private List<Object> list() {
    int startLine = line;
    advance();
    List<Object> out = new ArrayList<>();
    while (true) {
      skipSpaceAndComments(true);
      if (pos >= src.length()) {
        throw new SyntaxError(
            "line " + startLine + ": a list opened here is never closed with ']'", startLine);
      }
      if (src.charAt(pos) == ']') {
        advance();
        return out;
      }
      out.add(value());
      skipSpaceAndComments(true);
      if (pos < src.length() && src.charAt(pos) == ',') {
        advance();
      } else if (pos < src.length() && src.charAt(pos) != ']') {
        throw error(
            "expected ',' or ']' in the list opened on line "
                + startLine
                + ", found '"
                + src.charAt(pos)
                + "'");
      }
    }
  }

  private Map<String, Object> map() {
    int startLine = line;
    advance();
    Map<String, Object> out = new LinkedHashMap<>();
    while (true) {
      skipSpaceAndComments(true);
      if (pos >= src.length()) {
        throw new SyntaxError(
            "line " + startLine + ": a map opened here is never closed with '}'", startLine);
      }
      if (src.charAt(pos) == '}') {
        advance();
        return out;
      }
      String key = src.charAt(pos) == '"' ? string() : identifier();
      skipSpaceAndComments(false);
      if (pos < src.length() && (src.charAt(pos) == '=' || src.charAt(pos) == ':')) {
        advance();
      } else {
        throw error("expected '=' after map key '" + key + "'");
      }
      skipSpaceAndComments(false);
      out.put(key, value());
      skipSpaceAndComments(true);
      if (pos < src.length() && src.charAt(pos) == ',') {
        advance();
      }
    }
  }

  private String heredoc() {
    int startLine = line;
    advance();
    advance();
    boolean indented = pos < src.length() && src.charAt(pos) == '-';
    if (indented) {
      advance();
    }
    String marker = identifier();
    int eol = src.indexOf('\n', pos);
    if (eol < 0) {
      throw new SyntaxError(
          "line " + startLine + ": heredoc <<" + marker + " has no body", startLine);
    }
    while (pos <= eol) {
      advance();
    }
    List<String> lines = new ArrayList<>();
    while (pos < src.length()) {
      int end = src.indexOf('\n', pos);
      String l = end < 0 ? src.substring(pos) : src.substring(pos, end);
      int len = end < 0 ? src.length() - pos : end - pos + 1;
      if (l.strip().equals(marker)) {
        for (int i = 0; i < l.length(); i++) {
          advance();
        }
        if (indented) {
          int indent =
              lines.stream()
                  .filter(x -> !x.isBlank())
                  .mapToInt(x -> x.length() - x.stripLeading().length())
                  .min()
                  .orElse(0);
          lines.replaceAll(x -> x.length() >= indent ? x.substring(indent) : x.strip());
        }
        return String.join("\n", lines) + "\n";
      }
      lines.add(l);
      for (int i = 0; i < len; i++) {
        advance();
      }
    }
    throw new SyntaxError(
        "line "
            + startLine
            + ": heredoc <<"
            + marker
            + " is never closed with a line '"
            + marker
            + "'",
        startLine);
  }

  private String identifier() {
    int start = pos;
    while (pos < src.length()
        && (Character.isLetterOrDigit(src.charAt(pos))
            || src.charAt(pos) == '_'
            || src.charAt(pos) == '-')) {
      advance();
    }
    if (start == pos) {
      throw error("expected a name, found '" + (pos < src.length() ? src.charAt(pos) : ' ') + "'");
    }
    return src.substring(start, pos);
  }

  private void skipSpaceAndComments(boolean newlines) {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n')) {
        advance();
      } else if (c == '#' || src.startsWith("//", pos)) {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          advance();
        }
      } else if (src.startsWith("/*", pos)) {
        int startLine = line;
        int end = src.indexOf("*/", pos + 2);
        if (end < 0) {
          throw new SyntaxError(
              "line " + startLine + ": a /* comment opened here is never closed", startLine);
        }
        while (pos < end + 2) {
          advance();
        }
      } else {
        return;
      }
    }
  }

  private void expect(char c) {
    if (pos >= src.length() || src.charAt(pos) != c) {
      throw error(
          "expected '"
              + c
              + "', found "
              + (pos >= src.length() ? "the end of the file" : "'" + src.charAt(pos) + "'"));
    }
    advance();
  }

  private void advance() {
    if (src.charAt(pos) == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
    pos++;
  }

  private SyntaxError error(String message) {
    return new SyntaxError("line " + line + ":" + col + ": " + message, line);
  }
}
