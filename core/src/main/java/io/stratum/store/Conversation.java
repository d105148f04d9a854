package io.stratum.store;

import java.time.Instant;
import java.util.List;

/**
 * A stored conversation with its messages in order.
 *
 * @param workspace the first workspace of its scope, which its usage is billed to
 * @param principal who had it, or null for conversations from before principals existed
 * @param workspaces every workspace of its scope
 * @param summary the running summary of its earlier turns, or empty
 */
public record Conversation(
    String id,
    String workspace,
    Instant createdAt,
    List<Message> messages,
    String principal,
    List<String> workspaces,
    String summary) {
  public Conversation {
    messages = List.copyOf(messages);
    workspaces = List.copyOf(workspaces);
  }
}
