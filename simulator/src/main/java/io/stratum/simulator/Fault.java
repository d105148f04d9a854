package io.stratum.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Faults to inject into one request. Named in the {@code x-stratum-sim-fault} header (comma
 * separated) or armed for the next requests with {@code POST /_sim/faults}:
 *
 * <ul>
 *   <li>{@code throttle}: 429 ThrottlingException with {@code Retry-After: 1}
 *   <li>{@code server-error}: 500 InternalServerException, before any byte of the response
 *   <li>{@code unavailable}: 503 ServiceUnavailableException, before any byte
 *   <li>{@code not-enabled}: 403 AccessDeniedException (Converse) / 404 model_not_found (OpenAI)
 *   <li>{@code slow-first-byte=MS}: wait before the status line
 *   <li>{@code silence=MS}: go quiet after the first event for MS
 *   <li>{@code cut-after=N}: close the connection after N events (in the event stream, halfway
 *       through frame N)
 *   <li>{@code bad-crc-at=N}: corrupt the message CRC of event frame N (event stream only)
 *   <li>{@code stream-error=TYPE}: end the stream with an exception frame / {@code error} event
 *   <li>{@code response-failed=CODE}: a Responses call fails after it reasoned ({@code
 *       response.failed}, or {@code status: failed}), reporting the prompt and reasoning as usage
 *   <li>{@code reasoning=N}: a reasoning model spends N reasoning tokens, as on a question that
 *       needs more thought than usual (OpenAI-compatible surfaces); {@code reasoning=0} plays a
 *       backend that ignores the reasoning effort it is sent
 *   <li>{@code ignore-ceiling}: a backend that ignores the output token ceiling it is sent and
 *       answers in full (for checks that must catch one)
 * </ul>
 */
record Fault(String name, String argument) {
  static List<Fault> parse(String header) {
    List<Fault> faults = new ArrayList<>();
    if (header == null || header.isBlank()) {
      return faults;
    }
    for (String part : header.split(",")) {
      String p = part.strip().toLowerCase(Locale.ROOT);
      int eq = p.indexOf('=');
      String name = eq < 0 ? p : p.substring(0, eq);
      String arg = eq < 0 ? "" : part.strip().substring(eq + 1);
      if (!List.of(
              "throttle",
              "server-error",
              "unavailable",
              "not-enabled",
              "slow-first-byte",
              "silence",
              "cut-after",
              "bad-crc-at",
              "stream-error",
              "reasoning",
              "response-failed",
              "ignore-ceiling")
          .contains(name)) {
        throw SimError.validation(
            "x-stratum-sim-fault: unknown fault '"
                + name
                + "'; known: throttle, server-error, unavailable, not-enabled, slow-first-byte=MS,"
                + " silence=MS, cut-after=N, bad-crc-at=N, stream-error=TYPE, reasoning=N,"
                + " response-failed=CODE, ignore-ceiling");
      }
      faults.add(new Fault(name, arg));
    }
    return faults;
  }

  static Fault find(List<Fault> faults, String name) {
    return faults.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
  }

  /** The output ceiling a backend honours: {@code asked}, or none under {@code ignore-ceiling}. */
  static int ceiling(List<Fault> faults, int asked, int modelMax) {
    return find(faults, "ignore-ceiling") == null ? asked : modelMax;
  }

  int number() {
    try {
      return Integer.parseInt(argument.strip());
    } catch (NumberFormatException e) {
      throw SimError.validation(
          "x-stratum-sim-fault: " + name + " needs a number, got '" + argument + "'");
    }
  }

  Duration millis() {
    return Duration.ofMillis(number());
  }
}
