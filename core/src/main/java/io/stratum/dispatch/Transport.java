package io.stratum.dispatch;

import io.stratum.catalog.Backend;

/**
 * One wire to models (Converse, Responses, Chat, local). A transport only translates a {@link Plan}
 * to its wire and back, and maps its foreign errors to {@link DispatchException} once; the {@link
 * Dispatcher} does everything else (routing, retries, deadlines, keepalives, logging).
 */
public interface Transport {
  /** Where a transport reports what arrives. */
  interface Sink {
    /** A content event for the caller: text, reasoning or tool-call deltas. */
    void accept(ChatEvent event);

    /** The upstream sent something (a protocol event, a header); resets the idle deadline. */
    void upstreamAlive();
  }

  Backend backend();

  /**
   * Calls the model. With {@code stream}, deltas go to {@code sink} as they arrive. The returned
   * result carries text, reasoning, tool calls, stop reason and usage; the dispatcher fills in the
   * routing fields. Never emits {@link ChatEvent.Completed}.
   *
   * @throws DispatchException for every failure, already classified
   */
  ChatResult call(Plan plan, ChatRequest request, boolean stream, Sink sink);
}
