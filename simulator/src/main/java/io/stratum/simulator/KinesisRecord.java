package io.stratum.simulator;

import java.nio.charset.StandardCharsets;

/** A record as the simulated Kinesis stream holds it. */
public record KinesisRecord(String partitionKey, byte[] data, String sequenceNumber) {
  public String text() {
    return new String(data, StandardCharsets.UTF_8);
  }
}
