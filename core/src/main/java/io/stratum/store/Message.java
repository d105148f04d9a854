package io.stratum.store;

import java.time.Instant;
import java.util.List;

/** One message of a stored conversation; {@code citations} are the cited document ids. */
public record Message(
    String role, String text, List<String> citations, boolean refused, Instant at) {
  public Message {
    citations = List.copyOf(citations);
  }
}
