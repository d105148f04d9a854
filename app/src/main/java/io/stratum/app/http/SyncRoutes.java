package io.stratum.app.http;

import io.javalin.http.Context;
import io.stratum.access.Principal;
import io.stratum.app.Stratum;
import io.stratum.app.api.NotFoundException;
import io.stratum.app.usecase.Syncing;
import io.stratum.sync.Job;
import io.stratum.sync.JobCounts;
import io.stratum.sync.JobQueue;
import io.stratum.sync.SyncSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ingest jobs over HTTP: the configured sources with their last job and next scheduled run ({@code
 * GET /api/sources}), "Sync now" ({@code POST /api/sources/{source}/sync}, 202 with the job), and a
 * job as it moves ({@code GET /api/jobs/{id}}).
 */
record SyncRoutes(Stratum stratum) {
  /** Problems shown with a job; {@code stratum jobs show} lists them all. */
  static final int PROBLEMS_SHOWN = 20;

  private Syncing syncing() {
    return stratum.syncing();
  }

  void sources(Context ctx) {
    Routes.json(
        ctx,
        Map.of(
            "sources",
            syncing().sources(Routes.principal(ctx)).stream().map(SyncRoutes::source).toList()));
  }

  void sync(Context ctx) {
    Principal who = Routes.principal(ctx);
    String id = ctx.pathParam("source");
    JobQueue.Enqueued e =
        syncing()
            .request(who, id)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "source '%s' is not configured; the sources you may sync: %s"
                            .formatted(
                                id.length() > 80 ? id.substring(0, 80) + "…" : id,
                                known(syncing().sources(who)))));
    Map<String, Object> body = job(e.job());
    body.put("joined", !e.created());
    ctx.status(202);
    ctx.header("Location", "/api/jobs/" + e.job().id());
    Routes.json(ctx, body);
  }

  void job(Context ctx) {
    String id = ctx.pathParam("id");
    Job j =
        syncing()
            .job(Routes.principal(ctx), id)
            .orElseThrow(() -> new NotFoundException("job '" + id + "' does not exist"));
    Routes.json(ctx, job(j));
  }

  private static String known(List<Syncing.SourceStatus> mine) {
    return mine.isEmpty()
        ? "none"
        : String.join(", ", mine.stream().map(s -> s.schedule().source().id()).toList());
  }

  private static Map<String, Object> source(Syncing.SourceStatus s) {
    SyncSource src = s.schedule().source();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", src.id());
    m.put("source", src.key());
    m.put("kind", src.kind());
    m.put("target", src.target());
    m.put("workspace", src.workspace());
    m.put("intervalSeconds", s.schedule().interval().toSeconds());
    m.put("nextRunAt", s.nextRun().toString());
    m.put("lastJob", s.last().map(SyncRoutes::job).orElse(null));
    return m;
  }

  static Map<String, Object> job(Job j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", j.id());
    m.put("source", j.source().key());
    m.put("sourceId", j.source().id());
    m.put("kind", j.source().kind());
    m.put("workspace", j.source().workspace());
    m.put("trigger", j.trigger());
    m.put("requestedBy", j.requestedBy());
    m.put("state", j.state().id());
    m.put("finished", j.state().finished());
    m.put("attempts", j.attempts());
    m.put("maxAttempts", j.maxAttempts());
    m.put("node", j.node());
    m.put("createdAt", time(j.createdAt()));
    m.put("startedAt", time(j.startedAt()));
    m.put("finishedAt", time(j.finishedAt()));
    m.put("nextAttemptAt", j.state().finished() ? null : time(j.nextAttemptAt()));
    m.put("leaseExpiresAt", time(j.leaseExpiresAt()));
    JobCounts c = j.counts();
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("total", c.total());
    counts.put("seen", c.seen());
    counts.put("added", c.added());
    counts.put("updated", c.updated());
    counts.put("unchanged", c.unchanged());
    counts.put("deleted", c.deleted());
    counts.put("failed", c.failed());
    counts.put("chunks", c.chunks());
    counts.put("elapsedMs", c.elapsedMillis());
    m.put("counts", counts);
    m.put(
        "problems",
        j.problems().stream()
            .limit(PROBLEMS_SHOWN)
            .map(p -> Map.of("path", p.path(), "reason", p.reason()))
            .toList());
    m.put("error", j.error());
    return m;
  }

  private static String time(Instant i) {
    return i == null ? null : i.toString();
  }
}
