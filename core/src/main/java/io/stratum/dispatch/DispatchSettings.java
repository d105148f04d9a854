package io.stratum.dispatch;

import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelCatalog;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How the dispatcher behaves.
 *
 * @param defaultBackend {@code bedrock_default_backend}
 * @param strict refuse, instead of dropping, a parameter the target rejects
 * @param cleared the security team's approved models, when a list is configured
 * @param keepAlive how often to emit {@link ChatEvent.KeepAlive} while the upstream is silent
 * @param firstByte deadline for the upstream's first byte
 * @param idle deadline for silence between upstream events (keepalives do not reset it)
 * @param total deadline for the whole call, retries and their backoff included
 * @param maxRetries retries of throttling, 5xx and a missed first byte, only before the first byte:
 *     a timeout after it is never retried
 * @param baseBackoff first backoff; each retry doubles it, with full jitter
 */
public record DispatchSettings(
    Backend defaultBackend,
    boolean strict,
    Optional<ClearedModels> cleared,
    Duration keepAlive,
    Duration firstByte,
    Duration idle,
    Duration total,
    int maxRetries,
    Duration baseBackoff) {

  /** The approved model ids and where the list came from (for error messages). */
  public record ClearedModels(Set<String> ids, String source) {
    public ClearedModels {
      ids = Set.copyOf(ids);
    }

    /** Whether {@code modelId} is on the list, also through another geography prefix or ARN. */
    public boolean allows(String modelId) {
      String base = ModelCatalog.baseId(modelId);
      return ids.contains(modelId)
          || ids.stream().anyMatch(id -> ModelCatalog.baseId(id).equals(base));
    }
  }

  public static DispatchSettings defaults(Backend defaultBackend) {
    return new DispatchSettings(
        defaultBackend,
        false,
        Optional.empty(),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Duration.ofSeconds(300),
        Duration.ofSeconds(900),
        3,
        Duration.ofMillis(250));
  }

  public DispatchSettings withCleared(ClearedModels list) {
    return new DispatchSettings(
        defaultBackend,
        strict,
        Optional.of(list),
        keepAlive,
        firstByte,
        idle,
        total,
        maxRetries,
        baseBackoff);
  }

  public DispatchSettings withTimes(
      Duration keepAlive, Duration firstByte, Duration idle, Duration total) {
    return new DispatchSettings(
        defaultBackend,
        strict,
        cleared,
        keepAlive,
        firstByte,
        idle,
        total,
        maxRetries,
        baseBackoff);
  }

  public DispatchSettings withRetries(int maxRetries, Duration baseBackoff) {
    return new DispatchSettings(
        defaultBackend,
        strict,
        cleared,
        keepAlive,
        firstByte,
        idle,
        total,
        maxRetries,
        baseBackoff);
  }

  public DispatchSettings withStrict(boolean strict) {
    return new DispatchSettings(
        defaultBackend,
        strict,
        cleared,
        keepAlive,
        firstByte,
        idle,
        total,
        maxRetries,
        baseBackoff);
  }
}
