package io.stratum.app;

import io.stratum.app.config.Environment;
import io.stratum.app.usecase.Auditor;
import io.stratum.app.usecase.Guard;
import io.stratum.app.usecase.Syncing;
import io.stratum.ingest.Ingestor;
import io.stratum.store.Sql;
import io.stratum.sync.JobPolicy;
import io.stratum.sync.JobQueue;
import io.stratum.sync.SourceSchedule;
import java.nio.file.Path;
import java.util.List;

/**
 * How a data directory runs its ingest jobs.
 *
 * @param schedules the configured sources ({@code stratum_sources}) and how often a server syncs
 *     each
 * @param node names this process's worker on the jobs it holds ({@code stratum_node_id}), or null
 *     for the default: the host and the data directory
 * @param policy leases and retries
 */
public record SyncSetup(List<SourceSchedule> schedules, String node, JobPolicy policy) {
  /** No configured sources, the default node id, the standard lease and retries. */
  public static final SyncSetup NONE = new SyncSetup(List.of(), null, JobPolicy.STANDARD);

  public SyncSetup {
    schedules = List.copyOf(schedules);
  }

  /** The jobs use case over {@code sql}, running each job's source through {@code ingestor}. */
  Syncing syncing(Guard guard, Sql sql, Ingestor ingestor, Auditor auditor, Path dataDir) {
    return new Syncing(
        guard,
        new JobQueue(sql, policy),
        (source, progress) ->
            ingestor.ingest(SourceConnectors.of(source, Environment.get()), progress),
        schedules,
        auditor,
        node != null ? node : Engine.defaultNodeId(dataDir));
  }
}
