package io.stratum.retrieval;

import io.stratum.index.CorpusIndex;
import io.stratum.index.Hit;
import io.stratum.index.Scope;
import io.stratum.rerank.RerankException;
import io.stratum.rerank.Reranker;
import io.stratum.text.Acronyms;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hybrid retrieval: a BM25 list and a vector list, each {@link #CANDIDATES} deep and each already
 * restricted to the scope inside its Lucene query, fused by reciprocal rank. When the scope holds
 * both prose and code maps, each lane (docs, code) runs with half the budget and the two fused
 * lists are merged, so code is never crowded out by prose, nor prose by code.
 *
 * <p>Reciprocal-rank fusion scores a chunk {@code Σ 1 / (K + rank)} over the lists it appears in
 * (rank from 1, {@code K = 60}, the constant of Cormack et al. 2009). It needs no score calibration
 * between BM25 and cosine, and a chunk that both lists rank well beats one that only one list
 * loves. A superseded document's chunks keep half their fused score, so its successor ranks first
 * when both match.
 *
 * <p>A question may abbreviate what the documents spell out ("What is the RTO?", "the recovery time
 * objective is 15 minutes"). When an acronym of the question occurs in none of the candidates but
 * the initials of consecutive words of one spell it, both lists run again on the question with that
 * spelling added ({@link Acronyms#expand}).
 *
 * <p>With a {@link Reranker}, the best {@link #RERANK_CANDIDATES} fused passages (or k, if more)
 * are scored again by the reranker and reordered; if it fails, the fused order stands and a warning
 * names the reason, so an outage of the rerank model costs precision, never the answer.
 *
 * <pre>{@code
 * Retrieval r = new Retriever(index).retrieve("How are keys rotated?", Set.of("security"), 6);
 * r.passages().get(0).title();
 * }</pre>
 */
public final class Retriever {
  /** How deep each list goes before fusion. */
  public static final int CANDIDATES = 50;

  /** How many fused passages a reranker sees. */
  public static final int RERANK_CANDIDATES = 20;

  static final int RRF_K = 60;
  static final double SUPERSEDED_WEIGHT = 0.5;
  private static final Logger LOG = LoggerFactory.getLogger(Retriever.class);

  private final CorpusIndex index;
  private final Reranker reranker;
  private final Fusion fusion;
  private final Stored stored;

  /**
   * Which of some documents the store holds. Ingest commits a document's chunks to the index before
   * the store records it (so a crash loses nothing), and another server may search in between: a
   * chunk whose document is not stored yet is left out, so nothing cited is missing when opened.
   */
  @FunctionalInterface
  public interface Stored {
    /** Every document counts as stored: an index with no store beside it (evaluation, tests). */
    Stored ALL = HashSet::new;

    Set<String> of(Collection<String> documentIds);
  }

  /**
   * How the two lists are fused: a chunk scores {@code lexicalWeight / (k + rank)} from the BM25
   * list plus {@code vectorWeight / (k + rank)} from the vector list. Equal weights are plain RRF.
   */
  public record Fusion(int k, double lexicalWeight, double vectorWeight) {
    /** Reciprocal-rank fusion with Cormack et al.'s k = 60 and equal weights. */
    public static final Fusion RRF = new Fusion(RRF_K, 1.0, 1.0);

    public Fusion {
      if (k < 1) {
        throw new IllegalArgumentException("fusion k: expected a number >= 1, got " + k);
      }
      if (lexicalWeight < 0 || vectorWeight < 0 || lexicalWeight + vectorWeight == 0) {
        throw new IllegalArgumentException(
            "fusion weights: expected numbers >= 0, not both 0, got lexical %s and vector %s"
                .formatted(lexicalWeight, vectorWeight));
      }
    }
  }

  public Retriever(CorpusIndex index) {
    this(index, null, Fusion.RRF);
  }

  /**
   * @param reranker reorders the fused candidates, or null to keep the fused order
   */
  public Retriever(CorpusIndex index, Reranker reranker) {
    this(index, reranker, Fusion.RRF);
  }

  public Retriever(CorpusIndex index, Reranker reranker, Fusion fusion) {
    this(index, reranker, fusion, Stored.ALL);
  }

  /** As above, showing only chunks of documents {@code stored} says the store holds. */
  public Retriever(CorpusIndex index, Reranker reranker, Fusion fusion, Stored stored) {
    this.index = index;
    this.reranker = reranker;
    this.fusion = fusion;
    this.stored = stored;
  }

  public Retrieval retrieve(String question, Set<String> workspaces, int k) {
    return retrieve(question, workspaces, k, CANDIDATES);
  }

  /** As {@link #retrieve(String, Set, int)}, with each list {@code depth} deep before fusion. */
  public Retrieval retrieve(String question, Set<String> workspaces, int k, int depth) {
    return retrieve(question, Scope.of(workspaces), k, depth);
  }

  /** Retrieval within {@code scope} (workspaces and, optionally, source kinds). */
  public Retrieval retrieve(String question, Scope scope, int k, int depth) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    long start = System.nanoTime();
    Fused first = fuse(question, scope, depth);
    // An acronym that no candidate contains but one spells out ("RTO", "recovery time
    // objective"): search again with the spelling, which both lists can match.
    String query =
        Acronyms.expand(question, first.ranked().stream().map(e -> first.hit(e).text()).toList());
    Fused fused = query.equals(question) ? first : fuse(query, scope, depth);
    List<Map.Entry<String, Double>> ranked = fused.ranked();
    Set<String> present =
        stored.of(ranked.stream().map(e -> fused.hit(e).documentId()).distinct().toList());
    ranked = ranked.stream().filter(e -> present.contains(fused.hit(e).documentId())).toList();

    int wanted = reranker == null ? k : Math.max(k, RERANK_CANDIDATES);
    List<Passage> passages = new ArrayList<>();
    for (Map.Entry<String, Double> e : ranked.subList(0, Math.min(wanted, ranked.size()))) {
      Hit h = fused.hit(e);
      passages.add(
          new Passage(
              passages.size() + 1,
              h,
              e.getValue(),
              fused.cosine().getOrDefault(h.chunkId(), Double.NaN)));
    }
    if (reranker != null) {
      passages = rerank(query, passages, k);
    }
    return new Retrieval(question, passages, (System.nanoTime() - start) / 1_000);
  }

  /** Both lists fused: the chunks by id, their fused scores and their cosines. */
  private record Fused(
      Map<String, Hit> byId, Map<String, Double> scores, Map<String, Double> cosine) {
    Hit hit(Map.Entry<String, Double> e) {
      return byId.get(e.getKey());
    }

    /** Best first; a superseded document's chunks keep {@link #SUPERSEDED_WEIGHT} of theirs. */
    List<Map.Entry<String, Double>> ranked() {
      List<Map.Entry<String, Double>> ranked = new ArrayList<>();
      scores.forEach(
          (id, score) -> {
            boolean superseded = "superseded".equalsIgnoreCase(byId.get(id).status());
            ranked.add(Map.entry(id, superseded ? score * SUPERSEDED_WEIGHT : score));
          });
      ranked.sort(
          Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
              .thenComparing(Map.Entry.comparingByKey()));
      return ranked;
    }
  }

  private Fused fuse(String question, Scope scope, int depth) {
    float[] query = index.embedder().embedQuery(question);
    Map<String, Hit> byId = new LinkedHashMap<>();
    Map<String, Double> fused = new HashMap<>();
    Map<String, Double> cosine = new HashMap<>();
    boolean lanes =
        index.hasLane(scope, CorpusIndex.CODE_LANE) && index.hasLane(scope, CorpusIndex.DOCS_LANE);
    // Prose and code compete badly in one ranking; each lane gets half the budget, then both
    // fused lists are merged on their (comparable) reciprocal-rank scores.
    for (String lane :
        lanes
            ? List.of(CorpusIndex.DOCS_LANE, CorpusIndex.CODE_LANE)
            : Collections.<String>singletonList(null)) {
      int laneDepth = lanes ? Math.max(1, depth / 2) : depth;
      List<Hit> lexical = index.lexical(question, scope, lane, laneDepth);
      List<Hit> vector = index.vector(query, scope, lane, laneDepth);
      accumulate(lexical, fusion.lexicalWeight(), byId, fused);
      accumulate(vector, fusion.vectorWeight(), byId, fused);
      vector.forEach(h -> cosine.put(h.chunkId(), (double) h.score()));
    }
    return new Fused(byId, fused, cosine);
  }

  private List<Passage> rerank(String question, List<Passage> fused, int k) {
    if (fused.size() > 1) {
      try {
        double[] scores = reranker.score(question, fused.stream().map(Passage::text).toList());
        if (scores.length != fused.size()) {
          throw new RerankException(
              "expected %d scores, got %d".formatted(fused.size(), scores.length), null);
        }
        for (int i = 0; i < scores.length; i++) {
          scores[i] = fused.get(i).superseded() ? scores[i] * SUPERSEDED_WEIGHT : scores[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < fused.size(); i++) {
          order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]));
        List<Passage> out = new ArrayList<>();
        for (int i : order.subList(0, Math.min(k, order.size()))) {
          Passage p = fused.get(i);
          out.add(new Passage(out.size() + 1, p.hit(), scores[i], p.cosine()));
        }
        return out;
      } catch (RerankException e) {
        LOG.warn(
            "rerank with {} failed, keeping the fused order: {}",
            reranker.modelId(),
            e.getMessage());
      }
    }
    return fused.subList(0, Math.min(k, fused.size()));
  }

  private void accumulate(
      List<Hit> hits, double weight, Map<String, Hit> byId, Map<String, Double> fused) {
    for (int i = 0; i < hits.size(); i++) {
      Hit h = hits.get(i);
      byId.putIfAbsent(h.chunkId(), h);
      fused.merge(h.chunkId(), weight / (fusion.k() + i + 1), Double::sum);
    }
  }
}
