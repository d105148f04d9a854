package io.stratum.simulator;

import java.util.List;
import java.util.Map;

/**
 * A request as the simulator received it, for tests that assert what reached the "model".
 *
 * @param auth {@code sigv4:<signing name>} or {@code bearer}
 * @param headers lower-cased names; {@code authorization} is never recorded
 */
public record RecordedRequest(
    String method, String path, String auth, Map<String, List<String>> headers, String body) {}
