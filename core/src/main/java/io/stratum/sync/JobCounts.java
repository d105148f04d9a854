package io.stratum.sync;

/**
 * How far a job has got, as its worker last recorded it.
 *
 * @param total documents the source has (known once the scan is done)
 * @param seen documents looked at so far
 * @param failed documents that could not be read or indexed
 * @param chunks chunks embedded so far
 */
public record JobCounts(
    int total,
    int seen,
    int added,
    int updated,
    int unchanged,
    int deleted,
    int failed,
    int chunks,
    long elapsedMillis) {
  public static final JobCounts NONE = new JobCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
