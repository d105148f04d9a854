package io.stratum.store;

import java.time.Instant;
import java.util.List;

/**
 * A stored conversation with its messages in order.
 *
 * @param principal who had it, or null for conversations from before principals existed
 */
public record Conversation(
    String id, String workspace, Instant createdAt, List<Message> messages, String principal) {
  public Conversation {
    messages = List.copyOf(messages);
  }
}
