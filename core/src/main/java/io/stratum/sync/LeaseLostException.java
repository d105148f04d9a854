package io.stratum.sync;

/**
 * A worker no longer holds its job: its lease expired and another worker took the job over (or the
 * job was retired). The worker stops; the job's new holder runs it from the start, which ingest
 * makes safe (unchanged documents are skipped by their content hash).
 */
public final class LeaseLostException extends RuntimeException {
  public LeaseLostException(Job job, String node) {
    super(
        "job %s of %s: %s no longer holds its lease (attempt %d); another worker took it over"
            .formatted(job.id(), job.source().key(), node, job.attempts()));
  }
}
