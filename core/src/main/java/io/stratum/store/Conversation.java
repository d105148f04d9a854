package io.stratum.store;

import java.time.Instant;
import java.util.List;

/** A stored conversation with its messages in order. */
public record Conversation(String id, String workspace, Instant createdAt, List<Message> messages) {
  public Conversation {
    messages = List.copyOf(messages);
  }
}
