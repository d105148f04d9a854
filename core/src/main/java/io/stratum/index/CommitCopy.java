package io.stratum.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.IOUtils;

/** Copies the files of one commit point into an empty directory, durably. */
final class CommitCopy {
  private CommitCopy() {}

  /**
   * Copies every file of {@code commit} to {@code target} and fsyncs them, the data files first and
   * the segments file last, as Lucene commits: a copy cut short has no segments file, so it never
   * passes for an index. On failure the files written so far are deleted again.
   *
   * @throws java.nio.file.NoSuchFileException when a file of the commit was deleted before it could
   *     be opened (by a writer in another process that committed again)
   */
  static void copy(IndexCommit commit, Directory target) throws IOException {
    String segments = commit.getSegmentsFileName();
    TreeSet<String> names = new TreeSet<>(commit.getFileNames());
    names.remove(segments);
    List<String> written = new ArrayList<>();
    Map<String, IndexInput> inputs = new HashMap<>();
    boolean done = false;
    try {
      // Open every file before copying any: an open file stays readable when the writer deletes
      // it, so only these few opens can lose a file to a commit made meanwhile. The segments file
      // goes first, as the writer deletes it at its next commit, the data files only on a merge.
      inputs.put(segments, commit.getDirectory().openInput(segments, IOContext.DEFAULT));
      for (String name : names) {
        inputs.put(name, commit.getDirectory().openInput(name, IOContext.DEFAULT));
      }
      for (String name : names) {
        write(inputs.get(name), target, name, written);
      }
      target.sync(names);
      write(inputs.get(segments), target, segments, written);
      target.sync(List.of(segments));
      target.syncMetaData();
      done = true;
    } finally {
      IOUtils.closeWhileHandlingException(inputs.values());
      if (!done) {
        IOUtils.deleteFilesIgnoringExceptions(target, written);
      }
    }
  }

  private static void write(IndexInput in, Directory target, String name, List<String> written)
      throws IOException {
    try (IndexOutput out = target.createOutput(name, IOContext.DEFAULT)) {
      written.add(name);
      out.copyBytes(in, in.length());
    }
  }
}
