package io.stratum.app.usecase;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The limits every use case holds its inputs to, with messages that name the field and the limit,
 * so HTTP, MCP and the CLI refuse the same values the same way. {@code /openapi.json} documents
 * each limit; {@code BadInputIT} sends values at and past every one of them.
 */
public final class Inputs {
  /** Longest question, chat message or search accepted, in characters. */
  public static final int MAX_TEXT_CHARS = 4000;

  /** Longest name or title (of a workspace, principal, token or conversation), in characters. */
  public static final int MAX_NAME_CHARS = 200;

  /** Longest id (workspace, principal) or cursor, in characters: the id formats' own limit. */
  public static final int MAX_ID_CHARS = 64;

  /** Most workspaces one conversation or search may span. */
  public static final int MAX_WORKSPACES = 20;

  /** How much of a bad value an error message echoes. */
  private static final int ECHO_CHARS = 40;

  private Inputs() {}

  /** A question or search: stripped, non-blank, at most {@link #MAX_TEXT_CHARS} long. */
  static String text(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field, "must not be empty");
    }
    return checked(field, value, MAX_TEXT_CHARS, true).strip();
  }

  /**
   * {@code value} as given, if it is at most {@code max} characters of valid Unicode without
   * control characters (line breaks and tabs allowed when {@code multiline}): a NUL or a lone
   * surrogate is refused here rather than by one database and not the other.
   */
  static String checked(String field, String value, int max, boolean multiline) {
    if (value == null) {
      throw new InvalidInputException(field, "is required");
    }
    if (value.length() > max) {
      throw new InvalidInputException(
          field, "must be at most " + max + " characters, got " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean allowed = multiline && (c == '\n' || c == '\r' || c == '\t');
      if ((c < 0x20 || c == 0x7f) && !allowed) {
        throw new InvalidInputException(
            field, "must not contain control characters, got %s at index %d".formatted(code(c), i));
      }
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
        if (!paired) {
          throw new InvalidInputException(
              field,
              "must be valid Unicode, got a lone surrogate %s at index %d".formatted(code(c), i));
        }
        i++;
      }
    }
    return value;
  }

  /** A one-line name or title of at most {@link #MAX_NAME_CHARS}; null or blank is {@code dflt}. */
  static String name(String field, String value, String dflt) {
    return value == null || value.isBlank()
        ? dflt
        : checked(field, value, MAX_NAME_CHARS, false).strip();
  }

  /** An optional one-line filter or cursor of at most {@code max}; null stays null. */
  public static String optional(String field, String value, int max) {
    return value == null ? null : checked(field, value, max, false);
  }

  /**
   * An id of at most {@link #MAX_ID_CHARS}, checked by {@code format} (which throws an
   * IllegalArgumentException saying what it expects); its message is re-labelled with {@code
   * field}.
   */
  static String id(String field, String value, UnaryOperator<String> format) {
    if (value == null || value.isEmpty()) {
      throw new InvalidInputException(field, "is required");
    }
    checked(field, value, MAX_ID_CHARS, false);
    try {
      return format.apply(value);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new InvalidInputException(field, m.substring(m.indexOf(": ") + 2));
    }
  }

  /** An audit query's text filters: ids and names, one line each, none over a name's length. */
  static void filters(AuditTrail.Filter f) {
    optional("principal", f.principal(), MAX_ID_CHARS);
    optional("workspace", f.workspace(), MAX_ID_CHARS);
    optional("action", f.action(), MAX_ID_CHARS);
    optional("model", f.model(), MAX_NAME_CHARS);
    optional("outcome", f.outcome(), MAX_ID_CHARS);
  }

  /** A result count or page size from 1 to {@code max}. */
  static int count(String field, int value, int max) {
    if (value < 1 || value > max) {
      throw new InvalidInputException(
          field, "expected a number from 1 to " + max + ", got " + value);
    }
    return value;
  }

  /** Workspace ids to act across: at most {@link #MAX_WORKSPACES}, none longer than an id. */
  static void workspaces(String field, List<String> ids) {
    list(field, ids, MAX_WORKSPACES);
    ids.forEach(ws -> checked(field, ws, MAX_ID_CHARS, false));
  }

  /** A list of at most {@code max} entries. */
  static <T> List<T> list(String field, List<T> values, int max) {
    if (values.size() > max) {
      throw new InvalidInputException(
          field, "must have at most " + max + " entries, got " + values.size());
    }
    return values;
  }

  /**
   * {@code value} as an error message echoes it: whole when short, else its start and its length,
   * so a refused megabyte is not sent back.
   */
  public static String echo(String value) {
    return value.length() <= ECHO_CHARS
        ? value
        : cut(value, ECHO_CHARS) + "… (" + value.length() + " characters)";
  }

  /**
   * The first {@code n} characters of {@code value}, less one rather than half a surrogate pair.
   */
  static String cut(String value, int n) {
    return value.substring(0, Character.isHighSurrogate(value.charAt(n - 1)) ? n - 1 : n);
  }

  private static String code(char c) {
    return "U+%04X".formatted((int) c);
  }
}
