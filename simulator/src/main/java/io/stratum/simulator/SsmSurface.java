package io.stratum.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS Systems Manager Parameter Store's {@code GetParameter} (AWS JSON 1.1, {@code X-Amz-Target:
 * AmazonSSM.GetParameter}, SigV4 service {@code ssm}) for SecureString parameters: the value comes
 * back in clear only {@code WithDecryption}; each put raises the version, as a rotation does.
 */
final class SsmSurface {
  private record Parameter(String value, long version, long modified) {}

  private final ObjectMapper json;
  private final Clock clock;
  private final String region;
  private final Map<String, Parameter> parameters = new ConcurrentHashMap<>();

  SsmSurface(ObjectMapper json, Clock clock, String region) {
    this.json = json;
    this.clock = clock;
    this.region = region;
  }

  void put(String name, String value) {
    parameters.compute(
        name,
        (n, old) ->
            new Parameter(
                value, old == null ? 1 : old.version() + 1, clock.instant().getEpochSecond()));
  }

  void handle(String target, JsonNode body, SimExchange out) {
    if (!target.equals("AmazonSSM.GetParameter")) {
      throw new SimError(
          400, "UnknownOperationException", "Unknown operation " + target + " (simulated SSM)");
    }
    String name = body.path("Name").asText("");
    Parameter p = parameters.get(name);
    if (p == null) {
      throw new SimError(400, "ParameterNotFound", null);
    }
    boolean decrypt = body.path("WithDecryption").asBoolean(false);
    ObjectNode reply = json.createObjectNode();
    ObjectNode param = reply.putObject("Parameter");
    param.put("Name", name).put("Type", "SecureString");
    param.put(
        "Value",
        decrypt
            ? p.value()
            : Base64.getEncoder()
                .encodeToString(("sim-kms-sealed:" + p.value()).getBytes(StandardCharsets.UTF_8)));
    param.put("Version", p.version()).put("LastModifiedDate", p.modified());
    param.put("ARN", "arn:aws:ssm:" + region + ":123456789012:parameter" + name);
    param.put("DataType", "text");
    out.json(200, reply.toString(), Map.of("Content-Type", "application/x-amz-json-1.1"));
  }
}
