package io.stratum.index;

import static io.stratum.index.CorpusIndexTest.chunks;
import static io.stratum.index.CorpusIndexTest.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.testing.TermEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusIndexBackupTest {
  @TempDir Path dir;
  @TempDir Path backups;
  private final TermEmbedder e = new TermEmbedder();

  @Test
  void a_backup_during_commits_is_a_whole_index_sized_between_before_and_after() throws Exception {
    Path copy = backups.resolve("copy");
    try (LuceneIndex index = LuceneIndex.open(dir, e);
        Committer committer = new Committer(index)) {
      committer.awaitCommits(20);
      int before = index.size();

      index.backupTo(copy);

      committer.stop();
      int after = index.size();
      assertWholeIndex(copy);
      try (LuceneIndex restored = LuceneIndex.open(copy, e)) {
        assertThat(restored.size()).isBetween(before, after);
      }
    }
  }

  @Test
  void a_read_only_index_backs_up_the_newest_commit_of_the_process_writing_it() throws Exception {
    Path copy = backups.resolve("copy");
    try (LuceneIndex writer = LuceneIndex.open(dir, e);
        LuceneIndex reader = LuceneIndex.open(dir, e);
        Committer committer = new Committer(writer)) {
      committer.awaitCommits(20);
      int before = reader.size();

      reader.backupTo(copy);

      committer.stop();
      int after = writer.size();
      assertWholeIndex(copy);
      try (LuceneIndex restored = LuceneIndex.open(copy, e)) {
        assertThat(restored.size()).isBetween(before, after);
      }
    }
  }

  @Test
  void a_backup_lets_go_of_the_commit_it_copied_so_the_next_commit_deletes_its_files()
      throws IOException {
    try (LuceneIndex index = LuceneIndex.open(dir, e)) {
      index.replace(doc("a"), chunks(e, "alpha"));
      index.commit();
      index.backupTo(backups.resolve("copy"));

      index.replace(doc("b"), chunks(e, "beta"));
      index.commit();

      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("segments")))
            .containsExactly("segments_2");
      }
    }
  }

  @Test
  void a_read_only_backup_gives_up_after_four_tries_when_files_of_the_commit_keep_vanishing()
      throws IOException {
    Path copy = backups.resolve("copy");
    LuceneIndex writer = LuceneIndex.open(dir, e);
    writer.replace(doc("a"), chunks(e, "alpha"));
    writer.commit();
    try (LuceneIndex reader = LuceneIndex.open(dir, e)) {
      writer.close();
      // As if the writer had committed again and deleted a data file of that commit, every time.
      // (Not the segment info: a refresh reads that, and its loss is corruption, not a race.)
      try (Stream<Path> files = Files.list(dir)) {
        Files.delete(
            files
                .filter(f -> f.getFileName().toString().matches("_.*(?<!\\.si)"))
                .findFirst()
                .orElseThrow());
      }

      assertThatThrownBy(() -> reader.backupTo(copy))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage(
              "cannot back up the index at %s: the process writing it deleted files of its newest commit before they were copied, 4 times in a row; try again, or back up from that process"
                  .formatted(dir))
          .hasCauseInstanceOf(NoSuchFileException.class);
      assertThat(copy).isEmptyDirectory();
    }
  }

  @Test
  void backing_up_into_a_directory_that_is_not_empty_is_refused() throws IOException {
    Files.writeString(backups.resolve("notes.txt"), "keep me");
    try (LuceneIndex index = LuceneIndex.open(dir, e)) {
      index.replace(doc("a"), chunks(e, "alpha"));
      index.commit();

      assertThatThrownBy(() -> index.backupTo(backups))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "cannot back up the index at %s to %s: that directory is not empty"
                  .formatted(dir, backups));
    }
  }

  @Test
  void backing_up_before_anything_was_committed_is_refused_by_a_writer_and_by_a_reader() {
    String message =
        "cannot back up the index at %s: nothing was committed to it yet".formatted(dir);
    try (LuceneIndex writer = LuceneIndex.open(dir, e);
        LuceneIndex reader = LuceneIndex.open(dir, e)) {
      assertThatThrownBy(() -> writer.backupTo(backups.resolve("one")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(message);
      assertThatThrownBy(() -> reader.backupTo(backups.resolve("two")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(message);
    }
  }

  /** Lucene's own check reads every file of the copy; the copy must pass it clean. */
  private static void assertWholeIndex(Path copy) throws IOException {
    try (Directory directory = FSDirectory.open(copy);
        CheckIndex check = new CheckIndex(directory)) {
      assertThat(check.checkIndex().clean).isTrue();
    }
  }

  /** Adds and commits one document after another on its own thread until stopped. */
  private final class Committer implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger commits = new AtomicInteger();
    private final Future<?> running;

    Committer(LuceneIndex index) {
      running =
          thread.submit(
              () -> {
                for (int i = 0; !stopped.get(); i++) {
                  index.replace(doc("d" + i), chunks(e, "document number " + i));
                  index.commit();
                  commits.incrementAndGet();
                }
              });
    }

    void awaitCommits(int n) throws InterruptedException {
      while (commits.get() < n && !running.isDone()) {
        Thread.sleep(5);
      }
    }

    /** Stops committing, and rethrows what failed on the thread. */
    void stop() throws Exception {
      stopped.set(true);
      running.get();
    }

    @Override
    public void close() {
      stopped.set(true);
      thread.close();
    }
  }
}
