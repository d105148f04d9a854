package io.stratum.index;

import static io.stratum.index.CorpusIndexTest.chunks;
import static io.stratum.index.CorpusIndexTest.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.testing.TermEmbedder;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two opens of one directory. Lucene's native lock refuses a second writer in the same JVM as it
 * does in another process, so the second open here plays the CLI next to a running server.
 */
class ReadOnlyCorpusIndexTest {
  @TempDir Path dir;
  private final TermEmbedder e = new TermEmbedder();

  @Test
  void a_second_open_while_the_first_is_open_is_read_only_and_finds_what_the_first_committed() {
    try (LuceneIndex writer = LuceneIndex.open(dir, e)) {
      writer.replace(doc("a"), chunks(e, "alpha"));
      writer.commit();

      try (LuceneIndex reader = LuceneIndex.open(dir, e)) {
        assertThat(writer.readOnly()).isFalse();
        assertThat(reader.readOnly()).isTrue();
        assertThat(reader.size()).isEqualTo(1);
        assertThat(reader.contains("a")).isTrue();
        assertThat(reader.hasLane(Set.of("ops"), CorpusIndex.DOCS_LANE)).isTrue();
        assertThat(reader.lexical("alpha", Set.of("ops"), 10))
            .extracting(Hit::documentId)
            .containsExactly("a");
        assertThat(reader.vector(e.embedQuery("alpha"), Set.of("ops"), 10))
            .extracting(Hit::documentId)
            .containsExactly("a");
      }
    }
  }

  @Test
  void a_read_only_index_sees_what_the_writer_commits_after_it_was_opened_and_nothing_sooner() {
    try (LuceneIndex writer = LuceneIndex.open(dir, e)) {
      writer.replace(doc("a"), chunks(e, "alpha"));
      writer.commit();
      try (LuceneIndex reader = LuceneIndex.open(dir, e)) {
        assertThat(reader.contains("b")).isFalse();

        writer.replace(doc("b"), chunks(e, "beta"));
        assertThat(reader.contains("b")).isFalse();
        writer.commit();

        assertThat(reader.contains("b")).isTrue();
        assertThat(reader.lexical("beta", Set.of("ops"), 10))
            .extracting(Hit::documentId)
            .containsExactly("b");

        writer.delete("a");
        writer.commit();

        assertThat(reader.contains("a")).isFalse();
        assertThat(reader.size()).isEqualTo(1);
      }
    }
  }

  @Test
  void a_read_only_index_opened_before_the_first_commit_is_empty_until_the_writer_commits() {
    try (LuceneIndex writer = LuceneIndex.open(dir, e);
        LuceneIndex reader = LuceneIndex.open(dir, e)) {
      assertThat(reader.readOnly()).isTrue();
      assertThat(reader.size()).isZero();
      assertThat(reader.lexical("alpha", Set.of("ops"), 10)).isEmpty();

      writer.replace(doc("a"), chunks(e, "alpha"));
      writer.commit();

      assertThat(reader.contains("a")).isTrue();
    }
  }

  @Test
  void a_read_only_index_refuses_every_write_naming_the_directory() {
    String message =
        "the index at %s is being written by another Stratum process (a running `stratum serve`?); this process opened it read-only: ingest through that server, or stop it first"
            .formatted(dir);
    try (LuceneIndex writer = LuceneIndex.open(dir, e);
        LuceneIndex reader = LuceneIndex.open(dir, e)) {
      assertThatThrownBy(() -> reader.replace(doc("a"), chunks(e, "alpha")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(message);
      assertThatThrownBy(() -> reader.delete("a"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(message);
      assertThatThrownBy(() -> reader.deleteWorkspace("ops"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(message);
      assertThatThrownBy(reader::commit)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(message);
    }
  }

  @Test
  void a_read_only_open_with_another_embedding_model_is_the_same_error_as_a_writing_one() {
    try (LuceneIndex writer = LuceneIndex.open(dir, e)) {
      writer.replace(doc("a"), chunks(e, "alpha"));
      writer.commit();

      CorpusIndexTest.assertRefusedAsAnotherModel(dir);
    }
  }

  @Test
  void a_read_only_index_refuses_a_first_commit_made_with_another_embedding_model() {
    TermEmbedder other = new TermEmbedder("other-model", 32);
    try (LuceneIndex writer = LuceneIndex.open(dir, other);
        LuceneIndex reader = LuceneIndex.open(dir, e)) {
      writer.replace(doc("a"), chunks(other, "alpha"));
      writer.commit();

      assertThatThrownBy(reader::size)
          .isInstanceOf(IndexMismatchException.class)
          .hasMessage(
              "index at %s was built with embedding model other-model (32 dimensions), but this run uses term-hash-64 (64 dimensions); re-embed by deleting %s and ingesting again"
                  .formatted(dir, dir));
    }
  }

  @Test
  void once_the_writer_is_closed_the_next_open_writes_again() {
    try (LuceneIndex writer = LuceneIndex.open(dir, e);
        LuceneIndex reader = LuceneIndex.open(dir, e)) {
      writer.replace(doc("a"), chunks(e, "alpha"));
      writer.commit();
    }
    try (LuceneIndex index = LuceneIndex.open(dir, e)) {
      assertThat(index.readOnly()).isFalse();
      index.replace(doc("b"), chunks(e, "beta"));
      index.commit();
      assertThat(index.size()).isEqualTo(2);
    }
  }
}
