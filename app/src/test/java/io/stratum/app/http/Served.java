package io.stratum.app.http;

import io.stratum.app.Stratum;
import io.stratum.app.TestEngines;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.ingest.IngestReport;
import io.stratum.store.TestDatabases;
import java.nio.file.Path;

/**
 * Stratum on its embedded defaults with a Markdown tree ingested, served on a free port, with a
 * client holding the first org admin's token: the setup most HTTP tests share.
 */
record Served(Stratum stratum, HttpApi api, SseClient admin, IngestReport ingest)
    implements AutoCloseable {
  static Served local(Path data, Path corpus) {
    return local(TestDatabases.Engine.SQLITE, data, corpus);
  }

  /** As {@link #local(Path, Path)}, with state on {@code engine}. */
  static Served local(TestDatabases.Engine engine, Path data, Path corpus) {
    Stratum stratum = TestEngines.open(engine, data);
    IngestReport report =
        stratum.documents().ingest(MarkdownConnector.byDirectory(corpus), p -> {});
    HttpApi api = HttpApi.start(stratum, "127.0.0.1", 0);
    String token = stratum.firstRun().orgAdmin(null).orElseThrow().token();
    return new Served(stratum, api, new SseClient(api.port(), token), report);
  }

  @Override
  public void close() {
    api.close();
    stratum.close();
  }
}
