package io.stratum.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AWS Kinesis Data Streams {@code PutRecords} ({@code X-Amz-Target: Kinesis_20131202.PutRecords},
 * SigV4 service {@code kinesis}), in both encodings the service speaks: AWS JSON 1.1 (data as
 * base64) and CBOR ({@code application/x-amz-cbor-1.1}, data as a byte string), which the AWS SDK
 * for Java v2 uses by default. Streams must be created first; records land on one shard with
 * increasing sequence numbers. {@link #refuseNext} makes the service refuse records in part, as it
 * does when a shard is over its throughput.
 */
final class KinesisSurface {
  static final String CBOR = "application/x-amz-cbor-1.1";
  private final ObjectMapper json;
  private final CBORMapper cbor = new CBORMapper();
  private final Map<String, List<KinesisRecord>> streams = new ConcurrentHashMap<>();
  private final AtomicInteger refuse = new AtomicInteger();
  private BigInteger sequence =
      new BigInteger("49590338271490256608559692538361571095921575989136588898");

  KinesisSurface(ObjectMapper json) {
    this.json = json;
  }

  void createStream(String name) {
    streams.putIfAbsent(name, new ArrayList<>());
  }

  List<KinesisRecord> records(String stream) {
    List<KinesisRecord> r = streams.get(stream);
    synchronized (this) {
      return r == null ? List.of() : List.copyOf(r);
    }
  }

  void refuseNext(int records) {
    refuse.set(records);
  }

  void handle(String target, String contentType, byte[] body, SimExchange out) {
    boolean isCbor = contentType != null && contentType.startsWith(CBOR);
    JsonNode request;
    try {
      request = isCbor ? cbor.readTree(body) : json.readTree(body);
    } catch (IOException e) {
      throw new SimError(400, "SerializationException", "Unable to parse the request body.");
    }
    if (!target.equals("Kinesis_20131202.PutRecords")) {
      throw new SimError(
          400, "UnknownOperationException", "Unknown operation " + target + " (simulated Kinesis)");
    }
    ObjectNode reply;
    try {
      reply = putRecords(request, isCbor);
    } catch (SimError e) {
      // Errors come back in the request's encoding, with the type in the body, as Kinesis does.
      reply = json.createObjectNode().put("__type", e.type).put("message", e.getMessage());
      if (!isCbor) {
        throw e;
      }
      try {
        out.bytes(e.status, CBOR, cbor.writeValueAsBytes(reply));
        return;
      } catch (IOException io) {
        throw new IllegalStateException(io);
      }
    }
    try {
      if (isCbor) {
        out.bytes(200, CBOR, cbor.writeValueAsBytes(reply));
      } else {
        out.json(200, reply.toString(), Map.of());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private synchronized ObjectNode putRecords(JsonNode request, boolean isCbor) {
    String name = request.path("StreamName").asText("");
    List<KinesisRecord> stream = streams.get(name);
    if (stream == null) {
      throw new SimError(
          400,
          "ResourceNotFoundException",
          "Stream " + name + " under account 123456789012 not found.");
    }
    JsonNode entries = request.path("Records");
    if (entries.size() == 0 || entries.size() > 500) {
      throw new SimError(
          400,
          "ValidationException",
          "1 validation error detected: Value at 'records' failed to satisfy constraint: Member"
              + " must have length less than or equal to 500");
    }
    ObjectNode reply = json.createObjectNode();
    ArrayNode results = reply.putArray("Records");
    int failed = 0;
    for (JsonNode e : entries) {
      ObjectNode r = results.addObject();
      if (refuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        failed++;
        r.put("ErrorCode", "ProvisionedThroughputExceededException");
        r.put(
            "ErrorMessage",
            "Rate exceeded for shard shardId-000000000000 in stream "
                + name
                + " under account 123456789012.");
        continue;
      }
      byte[] data;
      try {
        data =
            isCbor
                ? e.path("Data").binaryValue()
                : Base64.getDecoder().decode(e.path("Data").asText());
      } catch (IOException ex) {
        throw new SimError(400, "SerializationException", "Data is not a blob.");
      }
      sequence = sequence.add(BigInteger.ONE);
      stream.add(new KinesisRecord(e.path("PartitionKey").asText(), data, sequence.toString()));
      r.put("SequenceNumber", sequence.toString());
      r.put("ShardId", "shardId-000000000000");
    }
    reply.put("FailedRecordCount", failed);
    reply.put("EncryptionType", "NONE");
    return reply;
  }
}
