package io.stratum.providers.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.audit.ExportEvent;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.simulator.KinesisRecord;
import io.stratum.testkit.HecReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The three SIEM sinks, each against a receiver that speaks its real protocol. */
class SinksTest {
  @TempDir Path dir;

  static List<ExportEvent> events(int from, int count) {
    return IntStream.range(from, from + count)
        .mapToObj(
            i ->
                new ExportEvent(
                    i,
                    "key-" + i,
                    1_764_000_000_000L + i,
                    "{\"seq\":" + i + ",\"class_uid\":6003}"))
        .toList();
  }

  @Test
  void json_lines_rotate_before_a_file_passes_its_limit_and_keep_every_line() throws Exception {
    JsonLinesSink sink =
        new JsonLinesSink(
            dir, 100, Clock.fixed(Instant.parse("2026-11-26T04:00:00Z"), ZoneOffset.UTC));

    for (int batch = 0; batch < 4; batch++) {
      sink.deliver(events(batch * 3, 3));
    }

    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "stratum-audit.ocsf-20261126T040000Z-1.jsonl",
            "stratum-audit.ocsf-20261126T040000Z-2.jsonl",
            "stratum-audit.ocsf-20261126T040000Z.jsonl",
            "stratum-audit.ocsf.jsonl");
    List<String> lines = files.stream().flatMap(SinksTest::lines).sorted().toList();
    assertThat(lines).hasSize(12).doesNotHaveDuplicates();
    assertThat(files).allSatisfy(f -> assertThat(Files.size(f)).isLessThanOrEqualTo(100));
  }

  @Test
  void a_line_cut_short_by_a_crash_is_trimmed_before_the_batch_is_written_again() throws Exception {
    JsonLinesSink sink = new JsonLinesSink(dir, 1 << 20, Clock.systemUTC());
    sink.deliver(events(1, 2));
    Files.writeString(
        dir.resolve(JsonLinesSink.FILE),
        "{\"seq\":3,\"cla",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    sink.deliver(events(3, 1));

    assertThat(Files.readAllLines(dir.resolve(JsonLinesSink.FILE)))
        .containsExactly(
            "{\"seq\":1,\"class_uid\":6003}",
            "{\"seq\":2,\"class_uid\":6003}",
            "{\"seq\":3,\"class_uid\":6003}");
  }

  private static Stream<String> lines(Path f) {
    try {
      return Files.readAllLines(f).stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void hec_receives_each_event_with_its_time_and_key() throws Exception {
    try (HecReceiver hec = new HecReceiver("hec-token-1")) {
      SplunkHecSink sink = SplunkHecSink.create(hec.url(), "hec-token-1");

      sink.deliver(events(1, 3));

      List<JsonNode> got = hec.received();
      assertThat(got)
          .extracting(e -> e.at("/fields/event_key").asText())
          .containsExactly("key-1", "key-2", "key-3");
      assertThat(got.get(0).get("time").decimalValue().toPlainString()).isEqualTo("1764000000.001");
      assertThat(got.get(0).at("/event/class_uid").asInt()).isEqualTo(6003);
      assertThat(got.get(0).get("sourcetype").asText()).isEqualTo("ocsf:stratum");
    }
  }

  @Test
  void hec_refusals_name_the_collector_and_its_answer_but_never_the_token() throws Exception {
    try (HecReceiver hec = new HecReceiver("hec-token-1")) {
      String endpoint = hec.url() + "/services/collector/event";
      SplunkHecSink wrong = SplunkHecSink.create(hec.url(), "hec-token-2");
      assertThatThrownBy(() -> wrong.deliver(events(1, 1)))
          .hasMessage("HEC at " + endpoint + " answered 403: Invalid token (code 4)")
          .message()
          .doesNotContain("hec-token");

      hec.down(true);
      SplunkHecSink right = SplunkHecSink.create(hec.url(), "hec-token-1");
      assertThatThrownBy(() -> right.deliver(events(1, 1)))
          .hasMessage("HEC at " + endpoint + " answered 503: Server is busy (code 9)");
    }
  }

  private static KinesisSink kinesis(BedrockSimulator sim, String stream) {
    return KinesisSink.create(
        stream,
        sim.region(),
        sim.endpoint(),
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(sim.accessKeyId(), sim.secretKey())));
  }

  @Test
  void kinesis_puts_records_keyed_by_event_over_signed_cbor() throws Exception {
    try (BedrockSimulator sim = BedrockSimulator.builder().build().start();
        KinesisSink sink = kinesis(sim, "stratum-audit")) {
      sim.createStream("stratum-audit");

      sink.deliver(events(1, 1200));

      List<KinesisRecord> got = sim.kinesisRecords("stratum-audit");
      assertThat(got).hasSize(1200);
      assertThat(got.get(0).partitionKey()).isEqualTo("key-1");
      assertThat(got.get(0).text()).isEqualTo("{\"seq\":1,\"class_uid\":6003}");
      assertThat(sim.requests()).hasSize(3);
      assertThat(sim.requests())
          .allSatisfy(
              r -> {
                assertThat(r.auth()).isEqualTo("sigv4:kinesis");
                assertThat(r.headers().get("content-type").get(0))
                    .startsWith("application/x-amz-cbor-1.1");
              });
    }
  }

  @Test
  void kinesis_sends_again_only_the_records_a_busy_shard_refused() throws Exception {
    try (BedrockSimulator sim = BedrockSimulator.builder().build().start();
        KinesisSink sink = kinesis(sim, "stratum-audit")) {
      sim.createStream("stratum-audit");
      sim.refuseKinesisRecords(2);

      sink.deliver(events(1, 5));

      assertThat(sim.kinesisRecords("stratum-audit"))
          .extracting(KinesisRecord::partitionKey)
          .containsExactly("key-3", "key-4", "key-5", "key-1", "key-2");
    }
  }

  @Test
  void a_stream_kinesis_does_not_have_is_an_error_naming_it() throws Exception {
    try (BedrockSimulator sim = BedrockSimulator.builder().build().start();
        KinesisSink sink = kinesis(sim, "missing-stream")) {
      assertThatThrownBy(() -> sink.deliver(events(1, 1)))
          .hasMessageStartingWith(
              "Kinesis stream missing-stream: Stream missing-stream under account 123456789012 not"
                  + " found.");
    }
  }
}
