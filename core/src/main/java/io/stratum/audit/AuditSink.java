package io.stratum.audit;

import java.io.IOException;
import java.util.List;

/**
 * A SIEM destination for exported audit events. Delivery is at-least-once: a batch that failed, or
 * whose acknowledgement was lost in a crash, is sent again, so receivers dedup by {@link
 * ExportEvent#key()}.
 */
public interface AuditSink extends AutoCloseable {
  /** Names this sink's cursor; a sink with the same name resumes where the last one stopped. */
  String name();

  /** Delivers all of {@code events}, in order, or throws; after a throw none count as delivered. */
  void deliver(List<ExportEvent> events) throws IOException;

  @Override
  default void close() throws IOException {}
}
