package io.stratum.index;

import io.stratum.corpus.Identifiers;
import io.stratum.corpus.SourceDocument;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What every index stores for one chunk, whichever engine holds it: the fields searches filter on,
 * the three BM25 text fields, the vector and the exact identifiers. Built once here, so the
 * embedded Lucene index and OpenSearch index the same values.
 *
 * @param chunkId {@code documentId#ordinal}
 * @param ordinal the chunk's position in its document, from 0
 * @param lane {@link CorpusIndex#CODE_LANE} for code maps, else {@link CorpusIndex#DOCS_LANE}
 * @param sections the heading path below the title, {@code A > B}: the title has a field of its own
 *     and is not counted twice
 * @param identifiers the document's exact identifiers, lower-case ({@link Identifiers})
 */
public record ChunkEntry(
    String chunkId,
    String documentId,
    int ordinal,
    String workspace,
    String status,
    String lane,
    String kind,
    String path,
    String title,
    String heading,
    String sections,
    String body,
    float[] vector,
    Set<String> identifiers) {

  public ChunkEntry {
    identifiers = Set.copyOf(identifiers);
  }

  /**
   * The entries of {@code document}'s chunks.
   *
   * @throws IllegalArgumentException when a vector has not {@code dimension} dimensions, naming the
   *     chunk
   */
  public static List<ChunkEntry> of(
      SourceDocument document, List<IndexedChunk> chunks, int dimension) {
    Set<String> ids = identifiers(document);
    String lane =
        document.sourceKind().equals("code") ? CorpusIndex.CODE_LANE : CorpusIndex.DOCS_LANE;
    List<ChunkEntry> out = new ArrayList<>(chunks.size());
    for (IndexedChunk c : chunks) {
      if (c.vector().length != dimension) {
        throw new IllegalArgumentException(
            "vector for chunk %d of %s has %d dimensions, the index takes %d"
                .formatted(c.chunk().ordinal(), document.id(), c.vector().length, dimension));
      }
      List<String> path = c.chunk().headingPath();
      out.add(
          new ChunkEntry(
              document.id() + "#" + c.chunk().ordinal(),
              document.id(),
              c.chunk().ordinal(),
              document.workspace(),
              document.status(),
              lane,
              document.sourceKind(),
              document.path(),
              document.title(),
              c.chunk().heading(),
              String.join(" > ", path.subList(Math.min(1, path.size()), path.size())),
              c.chunk().text(),
              c.vector(),
              ids));
    }
    return out;
  }

  /** Exact identifiers of a document: those its connector named, and those in its title. */
  private static Set<String> identifiers(SourceDocument source) {
    Set<String> ids = new LinkedHashSet<>(Identifiers.in(source.title()));
    for (String id : source.metadata().getOrDefault("identifiers", "").split(",")) {
      if (!id.isBlank()) {
        ids.add(id.strip().toLowerCase(Locale.ROOT));
      }
    }
    return ids;
  }
}
