package io.stratum.app.http;

import io.javalin.http.Context;
import io.stratum.app.usecase.Inputs;
import io.stratum.app.usecase.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request's query parameters, decoded strictly: Jetty turns invalid UTF-8 into U+FFFD without a
 * word, so {@code %C3%28} would quietly search for something nobody typed. Each bad parameter is
 * named with its value; the first of a repeated name counts, as in Javalin.
 */
final class QueryParams {
  private final Map<String, String> values = new LinkedHashMap<>();

  private QueryParams(String query) {
    if (query == null || query.isEmpty()) {
      return;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode("query", eq < 0 ? pair : pair.substring(0, eq));
      values.putIfAbsent(name, decode(name, eq < 0 ? "" : pair.substring(eq + 1)));
    }
  }

  static QueryParams of(Context ctx) {
    return new QueryParams(ctx.queryString());
  }

  /** The parameter, or null when absent. */
  String text(String name) {
    return values.get(name);
  }

  /**
   * A whole number, {@code dflt} when absent; the use case holds it from 1 to {@code max}, which a
   * value that is no number at all is told too.
   */
  int count(String name, int dflt, int max) {
    String v = values.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          name, "expected a number from 1 to " + max + ", got '" + Inputs.echo(v) + "'");
    }
  }

  /** A whole number from 0 up, {@code dflt} when absent. */
  long position(String name, long dflt) {
    String v = values.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new InvalidInputException(
        name, "expected a whole number from 0 up, got '" + Inputs.echo(v) + "'");
  }

  /** An ISO-8601 instant such as 2026-11-01T00:00:00Z, or null when absent. */
  Instant instant(String name) {
    String v = values.get(name);
    try {
      return v == null ? null : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          name,
          "expected an ISO-8601 instant like 2026-11-01T00:00:00Z, got '" + Inputs.echo(v) + "'");
    }
  }

  private static String decode(String field, String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      } else if (i + 2 < raw.length()
          && hex(raw.charAt(i + 1)) >= 0
          && hex(raw.charAt(i + 2)) >= 0) {
        bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
        i += 2;
      } else {
        throw new InvalidInputException(
            field, "expected %XX after '%' at index " + i + ", got '" + Inputs.echo(raw) + "'");
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(field, "is not valid UTF-8: '" + Inputs.echo(raw) + "'");
    }
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
