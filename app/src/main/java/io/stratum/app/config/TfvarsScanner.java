package io.stratum.app.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The lexical half of the {@link Tfvars} parser: a position in the text with its line and column,
 * and the tokens read from it (names, strings with their escapes, numbers, heredocs, comments).
 */
final class TfvarsScanner {
  private final String src;
  private int pos;
  private int line = 1;
  private int col = 1;

  TfvarsScanner(String src) {
    this.src = src;
  }

  boolean atEnd() {
    return pos >= src.length();
  }

  char peek() {
    return src.charAt(pos);
  }

  boolean startsWith(String prefix) {
    return src.startsWith(prefix, pos);
  }

  int line() {
    return line;
  }

  int col() {
    return col;
  }

  String string() {
    int startLine = line;
    advance(); // opening quote
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw new Tfvars.SyntaxError(
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

  Double number() {
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
      throw new Tfvars.SyntaxError(
          "line %d:%d: '%s' is not a number".formatted(line, startCol, text), line);
    }
  }

  String heredoc() {
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
      throw new Tfvars.SyntaxError(
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
    throw new Tfvars.SyntaxError(
        "line "
            + startLine
            + ": heredoc <<"
            + marker
            + " is never closed with a line '"
            + marker
            + "'",
        startLine);
  }

  String identifier() {
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

  void skipSpaceAndComments(boolean newlines) {
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
          throw new Tfvars.SyntaxError(
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

  void expect(char c) {
    if (pos >= src.length() || src.charAt(pos) != c) {
      throw error(
          "expected '"
              + c
              + "', found "
              + (pos >= src.length() ? "the end of the file" : "'" + src.charAt(pos) + "'"));
    }
    advance();
  }

  void advance() {
    if (src.charAt(pos) == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
    pos++;
  }

  Tfvars.SyntaxError error(String message) {
    return new Tfvars.SyntaxError("line " + line + ":" + col + ": " + message, line);
  }
}
