package io.stratum.simulator;

/** A byte sequence that is not a valid {@code application/vnd.amazon.eventstream} stream. */
public final class EventStreamException extends RuntimeException {
  EventStreamException(String message) {
    super(message);
  }
}
