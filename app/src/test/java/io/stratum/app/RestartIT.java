package io.stratum.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.access.Principal;
import io.stratum.answer.Answer;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.ingest.IngestReport;
import io.stratum.store.Conversation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything Stratum learned is still there after it stops and starts again. */
class RestartIT {
  @TempDir Path data;

  @Test
  void documents_index_and_conversations_survive_a_restart_and_reingest_does_no_work() {
    Path corpus = SampleCorpus.extractTo(data.resolve("sample-corpus"));
    String conversation;
    int chunks;
    try (Stratum first = LocalEngine.open(data)) {
      first.documents().ingest(MarkdownConnector.byDirectory(corpus), p -> {});
      chunks = first.chunkCount();
      conversation =
          first
              .answering()
              .ask(
                  Principal.LOCAL_OPERATOR,
                  "security",
                  "How often are customer master keys rotated?",
                  e -> {})
              .conversationId();
    }

    try (Stratum second = LocalEngine.open(data)) {
      assertThat(second.documentCount()).isEqualTo(27);
      assertThat(second.chunkCount()).isEqualTo(chunks);
      Conversation c =
          second.conversations().find(Principal.LOCAL_OPERATOR, conversation).orElseThrow();
      assertThat(c.messages()).hasSize(2);
      Answer again =
          second
              .answering()
              .ask(
                  Principal.LOCAL_OPERATOR,
                  "security",
                  "How often are customer master keys rotated?",
                  e -> {})
              .answer();
      assertThat(again.citations())
          .extracting(p -> p.path())
          .contains("security/adr-0003-key-management.md");
      IngestReport reingest =
          second
              .documents()
              .ingest(MarkdownConnector.byDirectory(SampleCorpus.extractTo(corpus)), p -> {});
      assertThat(reingest.unchanged()).isEqualTo(27);
      assertThat(reingest.chunksEmbedded()).isZero();
    }
  }
}
