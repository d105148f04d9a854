package io.stratum.audit;

/**
 * One audit record on its way to a SIEM.
 *
 * @param seq its place in the chain
 * @param key the idempotency key (the record's chain hash): the same on every resend
 * @param time when it happened, epoch milliseconds
 * @param json the OCSF event, one line
 */
public record ExportEvent(long seq, String key, long time, String json) {}
