package io.stratum.app.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.app.TestEngines;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.store.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of "no acknowledged write lost on a crash", black box: {@code stratum serve}
 * and {@code stratum ingest} run as child processes and are killed with SIGKILL mid-traffic, and
 * everything is checked through the HTTP API, the event streams and the CLI, so the suite holds
 * whatever storage engine sits underneath. Each {@code done} event a client received must survive
 * in its conversation, the audit trail and the usage rows; each 2xx admin write must still be in
 * force; the data must open, verify and stay consistent with the index. See {@link CrashRun}.
 *
 * <p>Run it alone with {@code ./mvnw -B -pl app -am verify -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CrashSuiteIT
 * -Dfailsafe.failIfNoSpecifiedTests=false}. {@code -Dstratum.crash.rounds=N} (default 6) sets the
 * rounds, {@code -Dstratum.crash.seed=S} replays a run's random choices (its timing still varies).
 * With a PostgreSQL server ({@code . .ci/postgres.sh}), the same rounds also run against a fresh
 * database on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashSuiteIT {
  static final int ROUNDS = Integer.getInteger("stratum.crash.rounds", 6);

  BedrockSimulator sim;

  @BeforeAll
  void startSimulator() {
    // One simulator for every round: the model the children call, and the switch that makes
    // it go silent.
    sim = BedrockSimulator.builder().build().start();
  }

  @AfterAll
  void stopSimulator() {
    sim.close();
  }

  @Test
  void no_acknowledged_write_is_lost_when_serve_and_ingest_are_killed_on_the_default_engine(
      @TempDir Path dir) throws Exception {
    CrashRun.Summary s = new CrashRun(sim, dir, null, "", Map.of(), seed()).run(ROUNDS);

    report(s);
  }

  @Test
  void no_acknowledged_write_is_lost_when_serve_and_ingest_are_killed_on_postgresql(
      @TempDir Path dir) throws Exception {
    TestDatabases.Engine pg = TestDatabases.Engine.POSTGRESQL;
    CrashRun.Summary s =
        new CrashRun(sim, dir, "postgresql", TestEngines.tfvars(pg), TestEngines.env(pg), seed())
            .run(ROUNDS);

    report(s);
  }

  private static long seed() {
    long seed = Long.getLong("stratum.crash.seed", System.nanoTime());
    System.out.println(
        "crash suite: seed " + seed + " (replay with -Dstratum.crash.seed=" + seed + ")");
    return seed;
  }

  private static void report(CrashRun.Summary s) {
    System.out.printf(
        Locale.ROOT,
        "crash suite: per round, serve rounds %s, ingest rounds %s%n",
        timing(s.serveRoundSeconds()),
        timing(s.ingestRoundSeconds()));
    System.out.println(s.line());
    String found = s.findings().report();
    if (!found.isEmpty()) {
      System.out.println(found);
    }
    assertThat(s.findings().lost() + s.findings().corruptions())
        .withFailMessage(() -> s.line() + "\n" + found)
        .isZero();
    assertThat(s.rounds()).as("rounds run").isEqualTo(ROUNDS);
  }

  private static String timing(List<Double> seconds) {
    if (seconds.isEmpty()) {
      return "none";
    }
    return String.format(
        Locale.ROOT,
        "%d, mean %.1f s, max %.1f s",
        seconds.size(),
        seconds.stream().mapToDouble(Double::doubleValue).average().orElse(0),
        seconds.stream().mapToDouble(Double::doubleValue).max().orElse(0));
  }
}
