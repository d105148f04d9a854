package io.stratum.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.chunk.Chunk;
import io.stratum.corpus.SourceDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
  @TempDir Path dir;

  private static SourceDocument doc(String id, String hash) {
    return new SourceDocument(
        id, "ops", "markdown", id + ".md", "Title " + id, "accepted", "", "body", hash, Map.of());
  }

  @Test
  void keeps_workspaces_documents_and_conversations_across_a_restart() {
    String conversation;
    try (Store store = Store.openFile(dir)) {
      store.ensureWorkspace("ops", "Operations");
      store.ensureWorkspace("ops", "ignored: already exists");
      store.saveDocument("src", doc("ops:a", "h1"), List.of(new Chunk(0, List.of("T"), "one")));
      conversation = store.recordExchange("ops", "What?", "This [1].", List.of("ops:a"), false);
    }

    try (Store store = Store.openFile(dir)) {
      assertThat(store.workspaces()).containsExactly(new Workspace("ops", "Operations"));
      assertThat(store.document("ops:a"))
          .get()
          .extracting(StoredDocument::contentHash, StoredDocument::chunkCount)
          .containsExactly("h1", 1);
      Conversation c = store.conversation(conversation).orElseThrow();
      assertThat(c.workspace()).isEqualTo("ops");
      assertThat(c.messages())
          .extracting(Message::role, Message::text, Message::citations, Message::refused)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("user", "What?", List.of(), false),
              org.assertj.core.groups.Tuple.tuple(
                  "assistant", "This [1].", List.of("ops:a"), false));
    }
  }

  @Test
  void saving_a_document_again_replaces_its_chunks() {
    try (Store store = Store.openFile(dir)) {
      store.ensureWorkspace("ops", "Operations");
      store.saveDocument(
          "src",
          doc("ops:a", "h1"),
          List.of(new Chunk(0, List.of("T"), "one"), new Chunk(1, List.of("T"), "two")));
      store.saveDocument("src", doc("ops:a", "h2"), List.of(new Chunk(0, List.of("T"), "new")));

      assertThat(store.document("ops:a").orElseThrow().chunkCount()).isEqualTo(1);
      assertThat(store.document("ops:a").orElseThrow().contentHash()).isEqualTo("h2");
      assertThat(store.documentCount()).isEqualTo(1);
    }
  }

  @Test
  void lists_documents_by_source_and_deletes_them() {
    try (Store store = Store.openFile(dir)) {
      store.ensureWorkspace("ops", "Operations");
      store.saveDocument("src-1", doc("ops:a", "h"), List.of());
      store.saveDocument("src-2", doc("ops:b", "h"), List.of());

      assertThat(store.documentsOfSource("src-1"))
          .extracting(StoredDocument::id)
          .containsExactly("ops:a");
      store.deleteDocument("ops:a");
      assertThat(store.document("ops:a")).isEmpty();
    }
  }

  @Test
  void an_unknown_conversation_is_empty() {
    try (Store store = Store.openFile(dir)) {
      assertThat(store.conversation("nope")).isEmpty();
    }
  }
}
