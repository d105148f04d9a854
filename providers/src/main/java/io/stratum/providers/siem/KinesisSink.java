package io.stratum.providers.siem;

import io.stratum.audit.AuditSink;
import io.stratum.audit.ExportEvent;
import io.stratum.providers.AwsClients;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * AWS Kinesis Data Streams via {@code PutRecords}, 500 records a call (the service's limit), each
 * partitioned by its idempotency key. Kinesis takes a call in part: the records it refused (e.g.
 * {@code ProvisionedThroughputExceededException}) are sent again, up to {@link #ATTEMPTS} times,
 * before the batch fails.
 */
public final class KinesisSink implements AuditSink {
  static final int PER_CALL = 500;
  static final int ATTEMPTS = 4;
  private final KinesisClient kinesis;
  private final String stream;

  KinesisSink(KinesisClient kinesis, String stream) {
    this.kinesis = kinesis;
    this.stream = stream;
  }

  /**
   * @param endpoint overrides {@code https://kinesis.<region>.amazonaws.com} (a VPC endpoint, or
   *     the simulator), or null
   * @param credentials SigV4 credentials; null for the default chain
   */
  public static KinesisSink create(
      String stream, String region, URI endpoint, AwsCredentialsProvider credentials) {
    return new KinesisSink(
        AwsClients.build(KinesisClient.builder(), region, endpoint, credentials), stream);
  }

  @Override
  public String name() {
    return "kinesis:" + stream;
  }

  @Override
  public void deliver(List<ExportEvent> events) throws IOException {
    for (int from = 0; from < events.size(); from += PER_CALL) {
      List<PutRecordsRequestEntry> pending = new ArrayList<>();
      for (ExportEvent e : events.subList(from, Math.min(events.size(), from + PER_CALL))) {
        pending.add(
            PutRecordsRequestEntry.builder()
                .partitionKey(e.key())
                .data(SdkBytes.fromString(e.json(), StandardCharsets.UTF_8))
                .build());
      }
      put(pending);
    }
  }

  private void put(List<PutRecordsRequestEntry> pending) throws IOException {
    String lastError = "";
    for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
      PutRecordsResponse response;
      try {
        final List<PutRecordsRequestEntry> batch = pending;
        response = kinesis.putRecords(r -> r.streamName(stream).records(batch));
      } catch (SdkException e) {
        throw new IOException("Kinesis stream " + stream + ": " + e.getMessage(), e);
      }
      List<PutRecordsRequestEntry> refused = new ArrayList<>();
      List<PutRecordsResultEntry> results = response.records();
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i).errorCode() != null) {
          refused.add(pending.get(i));
          lastError = results.get(i).errorCode() + ": " + results.get(i).errorMessage();
        }
      }
      pending = refused;
      if (!pending.isEmpty()) {
        pause(attempt);
      }
    }
    if (!pending.isEmpty()) {
      throw new IOException(
          "Kinesis stream %s refused %d records after %d attempts; last: %s"
              .formatted(stream, pending.size(), ATTEMPTS, lastError));
    }
  }

  private static void pause(int attempt) throws IOException {
    try {
      Thread.sleep(100L << attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while retrying refused records", e);
    }
  }

  @Override
  public void close() {
    kinesis.close();
  }
}
