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

  private final TfvarsScanner s;

  private Tfvars(String src) {
    this.s = new TfvarsScanner(src);
  }

  static Map<String, Attribute> parse(String text) {
    return new Tfvars(text).file();
  }

  private Map<String, Attribute> file() {
    Map<String, Attribute> out = new LinkedHashMap<>();
    while (true) {
      s.skipSpaceAndComments(true);
      if (s.atEnd()) {
        return out;
      }
      int at = s.line();
      String name = s.identifier();
      s.skipSpaceAndComments(false);
      s.expect('=');
      s.skipSpaceAndComments(false);
      Object value = value();
      if (out.containsKey(name)) {
        throw s.error("'" + name + "' is set twice (first on line " + out.get(name).line() + ")");
      }
      out.put(name, new Attribute(name, value, at));
      s.skipSpaceAndComments(false);
      if (!s.atEnd() && s.peek() != '\n') {
        throw s.error(
            "expected a new line after the value of '" + name + "', found '" + s.peek() + "'");
      }
    }
  }

  private Object value() {
    if (s.atEnd()) {
      throw s.error("expected a value, found the end of the file");
    }
    char c = s.peek();
    if (c == '"') {
      return s.string();
    }
    if (c == '[') {
      return list();
    }
    if (c == '{') {
      return map();
    }
    if (s.startsWith("<<")) {
      return s.heredoc();
    }
    if (c == '-' || Character.isDigit(c)) {
      return s.number();
    }
    if (Character.isLetter(c)) {
      int startCol = s.col();
      String word = s.identifier();
      return switch (word) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        case "null" -> null;
        default ->
            throw new SyntaxError(
                "line %d:%d: '%s' is not a value; quote strings (\"%s\"), tfvars takes literals only"
                    .formatted(s.line(), startCol, word, word),
                s.line());
      };
    }
    throw s.error("expected a value, found '" + c + "'");
  }

  private List<Object> list() {
    int startLine = s.line();
    s.advance();
    List<Object> out = new ArrayList<>();
    while (true) {
      s.skipSpaceAndComments(true);
      if (s.atEnd()) {
        throw new SyntaxError(
            "line " + startLine + ": a list opened here is never closed with ']'", startLine);
      }
      if (s.peek() == ']') {
        s.advance();
        return out;
      }
      out.add(value());
      s.skipSpaceAndComments(true);
      if (!s.atEnd() && s.peek() == ',') {
        s.advance();
      } else if (!s.atEnd() && s.peek() != ']') {
        throw s.error(
            "expected ',' or ']' in the list opened on line "
                + startLine
                + ", found '"
                + s.peek()
                + "'");
      }
    }
  }

  private Map<String, Object> map() {
    int startLine = s.line();
    s.advance();
    Map<String, Object> out = new LinkedHashMap<>();
    while (true) {
      s.skipSpaceAndComments(true);
      if (s.atEnd()) {
        throw new SyntaxError(
            "line " + startLine + ": a map opened here is never closed with '}'", startLine);
      }
      if (s.peek() == '}') {
        s.advance();
        return out;
      }
      String key = s.peek() == '"' ? s.string() : s.identifier();
      s.skipSpaceAndComments(false);
      if (!s.atEnd() && (s.peek() == '=' || s.peek() == ':')) {
        s.advance();
      } else {
        throw s.error("expected '=' after map key '" + key + "'");
      }
      s.skipSpaceAndComments(false);
      out.put(key, value());
      s.skipSpaceAndComments(true);
      if (!s.atEnd() && s.peek() == ',') {
        s.advance();
      }
    }
  }
}
