package io.stratum.app;

import io.stratum.answer.Answer;
import io.stratum.answer.AnswerEvent;
import io.stratum.answer.Answerer;
import io.stratum.answer.RelevanceGate;
import io.stratum.chunk.Chunker;
import io.stratum.corpus.Connector;
import io.stratum.corpus.SourceDocument;
import io.stratum.dispatch.ModelClient;
import io.stratum.dispatch.ReasoningEffort;
import io.stratum.embed.Embedder;
import io.stratum.index.CorpusIndex;
import io.stratum.index.Scope;
import io.stratum.ingest.IngestProgress;
import io.stratum.ingest.IngestReport;
import io.stratum.ingest.Ingestor;
import io.stratum.rerank.Reranker;
import io.stratum.retrieval.Retrieval;
import io.stratum.retrieval.Retriever;
import io.stratum.store.Conversation;
import io.stratum.store.Store;
import io.stratum.store.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The composition root: one store, one index, one retriever, one answer model, wired together.
 * Every entry point (CLI, HTTP) goes through these methods, so validation and workspace checks
 * happen once, here, and not in each adapter.
 */
public final class Stratum implements AutoCloseable {
  /** Longest question accepted, in characters. */
  public static final int MAX_QUESTION_CHARS = 4000;

  public static final int MAX_RESULTS = 50;
  static final int CHUNK_CHARS = 1200;
  static final int ANSWER_PASSAGES = 6;
  static final int ANSWER_MAX_TOKENS = 1024;
  static final double MIN_TERM_COVERAGE = 0.6;

  private final Path dataDir;
  private final Store store;
  private final CorpusIndex index;
  private final Retriever retriever;
  private final Answerer answerer;
  private final Ingestor ingestor;

  private Stratum(
      Path dataDir,
      Store store,
      CorpusIndex index,
      Reranker reranker,
      Retriever.Fusion fusion,
      ModelClient model,
      ReasoningEffort effort) {
    this.dataDir = dataDir;
    this.store = store;
    this.index = index;
    this.retriever = new Retriever(index, reranker, fusion);
    Embedder embedder = index.embedder();
    this.answerer =
        new Answerer(
            retriever,
            model,
            new RelevanceGate(MIN_TERM_COVERAGE, embedder.relevanceFloor()),
            ANSWER_PASSAGES,
            ANSWER_MAX_TOKENS,
            effort);
    this.ingestor = new Ingestor(store, index, new Chunker(CHUNK_CHARS));
  }

  /** Opens (creating if needed) the data directory with the given embedder and answer model. */
  public static Stratum open(Path dataDir, Embedder embedder, ModelClient model) {
    return open(dataDir, embedder, null, Retriever.Fusion.RRF, model, null);
  }

  /**
   * Opens the data directory; passages are reordered by {@code reranker} (null: fused order) and
   * answers are written by {@code model} (the advanced tier) at {@code effort} (null: the model's
   * default).
   */
  public static Stratum open(
      Path dataDir,
      Embedder embedder,
      Reranker reranker,
      Retriever.Fusion fusion,
      ModelClient model,
      ReasoningEffort effort) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
    }
    Store store = Store.openFile(dataDir);
    try {
      return new Stratum(
          dataDir,
          store,
          CorpusIndex.open(dataDir.resolve("index"), embedder),
          reranker,
          fusion,
          model,
          effort);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  public IngestReport ingest(Connector connector, Consumer<IngestProgress> progress) {
    return ingestor.ingest(connector, progress);
  }

  public List<Workspace> workspaces() {
    return store.workspaces();
  }

  public Workspace workspace(String id) {
    return store
        .workspace(id)
        .orElseThrow(
            () ->
                new UnknownWorkspaceException(
                    id, store.workspaces().stream().map(Workspace::id).toList()));
  }

  public Retrieval search(String workspace, String query, int k) {
    return search(workspace, query, k, List.of());
  }

  /** As {@link #search(String, String, int)}, restricted to documents of {@code kinds}. */
  public Retrieval search(String workspace, String query, int k, List<String> kinds) {
    workspace(workspace);
    String q = requireText("q", query);
    if (k < 1 || k > MAX_RESULTS) {
      throw new InvalidInputException(
          "k", "expected a number from 1 to " + MAX_RESULTS + ", got " + k);
    }
    for (String kind : kinds) {
      if (!SourceDocument.KINDS.contains(kind)) {
        throw new InvalidInputException(
            "kind",
            "expected one of %s, got '%s'"
                .formatted(String.join(", ", SourceDocument.KINDS), kind));
      }
    }
    return retriever.retrieve(
        q, new Scope(Set.of(workspace), Set.copyOf(kinds)), k, Retriever.CANDIDATES);
  }

  /** Answers from one workspace, streaming events, and records the exchange as a conversation. */
  public Asked ask(String workspace, String question, Consumer<AnswerEvent> listener) {
    workspace(workspace);
    String q = requireText("question", question);
    Answer answer = answerer.ask(q, Set.of(workspace), listener);
    String conversation =
        store.recordExchange(
            workspace,
            q,
            answer.text(),
            answer.citations().stream().map(p -> p.documentId()).distinct().toList(),
            answer.refused());
    return new Asked(conversation, answer);
  }

  /** An answer and the conversation it was recorded in. */
  public record Asked(String conversationId, Answer answer) {}

  public Optional<Conversation> conversation(String id) {
    return store.conversation(id);
  }

  public int documentCount() {
    return store.documentCount();
  }

  public int chunkCount() {
    return index.size();
  }

  private static String requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field, "must not be empty");
    }
    if (value.length() > MAX_QUESTION_CHARS) {
      throw new InvalidInputException(
          field, "must be at most " + MAX_QUESTION_CHARS + " characters, got " + value.length());
    }
    return value.strip();
  }

  @Override
  public void close() {
    try {
      index.close();
    } finally {
      store.close();
    }
  }
}
