package io.stratum.app.cli;

import io.stratum.app.Engine;
import io.stratum.app.Evaluation;
import io.stratum.app.IndexOpener;
import io.stratum.app.config.Environment;
import io.stratum.app.config.ModelConfig;
import io.stratum.corpus.Connector;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.eval.Cranfield;
import io.stratum.eval.Evaluator;
import io.stratum.eval.Judged;
import io.stratum.eval.Trec;
import io.stratum.retrieval.Retriever;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stratum eval}: retrieval quality on judged questions, per mode (bm25, vector, hybrid), in
 * a throwaway index so nothing touches the real data directory.
 */
@Command(
    name = "eval",
    description = {
      "Measure retrieval quality on judged questions: nDCG@10, Recall@10/100 and MRR per mode.",
      "Runs in a throwaway index; the data directory is not touched. For example:",
      "  stratum eval --source markdown:DIR --queries queries.tsv --qrels qrels.txt",
      "  stratum eval cranfield DIR [--half odd|even|all] [--index-url URL]"
    },
    subcommands = EvalCommand.CranfieldEval.class)
public final class EvalCommand implements Callable<Integer> {
  static final String WS = Evaluation.WORKSPACE;

  @Spec CommandSpec spec;

  @Option(
      names = "--source",
      paramLabel = "KIND:DIR",
      description = "The corpus, e.g. markdown:docs/ (doc ids are paths relative to DIR).")
  String source;

  @Option(names = "--queries", paramLabel = "FILE", description = "qid<TAB>text, one per line.")
  Path queries;

  @Option(names = "--qrels", paramLabel = "FILE", description = "TREC qrels: qid 0 docid grade.")
  Path qrels;

  @Option(
      names = "--half",
      defaultValue = "all",
      paramLabel = "HALF",
      description = "odd|even|all queries (tune on odd, report both).")
  String half;

  @Option(
      names = "--json",
      description = "Print {\"bm25\":{\"ndcg@10\":...},\"vector\":...,\"hybrid\":...}.")
  boolean json;

  @picocli.CommandLine.Mixin FusionOptions fusion;

  @picocli.CommandLine.Mixin IndexOptions index;

  /** Which engine the scratch index is in: embedded Lucene, or an OpenSearch cluster. */
  static final class IndexOptions {
    @Option(
        names = "--index-url",
        paramLabel = "URL",
        description = {
          "Measure in a scratch index in this OpenSearch cluster (deleted afterwards) instead of",
          "the embedded Lucene index; STRATUM_INDEX_USER and STRATUM_INDEX_PASSWORD sign in."
        })
    String url;

    IndexOpener get() {
      if (url == null) {
        return IndexOpener.EMBEDDED;
      }
      Map<String, String> env = new HashMap<>(Environment.get());
      env.put("STRATUM_STRATUM_INDEX_URL", url);
      ModelConfig c = Engine.loadConfig(Optional.empty(), env);
      return IndexOpener.of(c.index(), c.aws().region());
    }
  }

  /** The hybrid mode's fusion, to try the settings {@code stratum_rrf_k} etc. would give. */
  static final class FusionOptions {
    @Option(
        names = "--rrf-k",
        defaultValue = "60",
        paramLabel = "K",
        description = "Reciprocal rank fusion's k (default ${DEFAULT-VALUE}).")
    int k;

    @Option(
        names = "--lexical-weight",
        defaultValue = "1",
        paramLabel = "W",
        description = "Weight of the BM25 list (default 1).")
    double lexical;

    @Option(
        names = "--vector-weight",
        defaultValue = "1",
        paramLabel = "W",
        description = "Weight of the vector list (default 1).")
    double vector;

    Retriever.Fusion get() {
      return new Retriever.Fusion(k, lexical, vector);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (source == null || queries == null || qrels == null) {
      throw new IllegalArgumentException(
          "eval: --source KIND:DIR, --queries FILE and --qrels FILE are all required (or use: stratum eval cranfield DIR)");
    }
    int colon = source.indexOf(':');
    String kind = colon < 0 ? "" : source.substring(0, colon);
    if (!kind.equals("markdown")) {
      throw new IllegalArgumentException("--source: expected markdown:DIR, got '" + source + "'");
    }
    Path dir = Path.of(source.substring(colon + 1));
    Judged judged = Trec.read(queries, qrels).half(half);
    return run(
        MarkdownConnector.into(dir, WS),
        judged,
        id -> id.substring(WS.length() + 1),
        fusion.get(),
        index.get(),
        spec,
        json);
  }

  /** {@code stratum eval cranfield DIR}. */
  @Command(
      name = "cranfield",
      description =
          "Evaluate on the Cranfield-1400 files in DIR (cran.all.1400, cran.qry, cranqrel).")
  static final class CranfieldEval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Directory with the Cranfield files.")
    Path dir;

    @Option(
        names = "--half",
        defaultValue = "all",
        paramLabel = "HALF",
        description = "odd|even|all queries (tune on odd, report both).")
    String half;

    @Option(names = "--json", description = "Print the scores as JSON, as the parent command does.")
    boolean json;

    @picocli.CommandLine.Mixin FusionOptions fusion;

    @picocli.CommandLine.Mixin IndexOptions index;

    @Override
    public Integer call() throws Exception {
      Judged judged = Cranfield.judged(dir).half(half);
      return run(
          Cranfield.connector(dir, WS),
          judged,
          id -> id.substring("cran:".length()),
          fusion.get(),
          index.get(),
          spec,
          json);
    }
  }

  static int run(
      Connector connector,
      Judged judged,
      Function<String, String> documentOf,
      Retriever.Fusion fusion,
      IndexOpener engine,
      CommandSpec spec,
      boolean json)
      throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Evaluator.Scores> scores =
        Evaluation.scores(
            connector,
            judged,
            documentOf,
            fusion,
            engine,
            new Progress(spec.commandLine().getErr()));
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      scores.forEach(
          (mode, s) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ndcg@10", round(s.ndcg10()));
            m.put("recall@10", round(s.recall10()));
            m.put("recall@100", round(s.recall100()));
            m.put("mrr", round(s.mrr()));
            m.put("queries", s.queries());
            doc.put(mode, m);
          });
      out.println(ModelsCommand.JSON.writeValueAsString(doc));
    } else {
      out.printf(
          Locale.ROOT,
          "%-7s %8s %10s %11s %7s %8s%n",
          "mode",
          "nDCG@10",
          "Recall@10",
          "Recall@100",
          "MRR",
          "queries");
      scores.forEach(
          (mode, s) ->
              out.printf(
                  Locale.ROOT,
                  "%-7s %8.4f %10.4f %11.4f %7.4f %8d%n",
                  mode,
                  s.ndcg10(),
                  s.recall10(),
                  s.recall100(),
                  s.mrr(),
                  s.queries()));
    }
    out.flush();
    return 0;
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
