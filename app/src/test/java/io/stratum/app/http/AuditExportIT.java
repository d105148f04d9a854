package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.app.AuditExports;
import io.stratum.app.Engine;
import io.stratum.app.SampleCorpus;
import io.stratum.app.config.ModelConfig;
import io.stratum.audit.AuditExporter;
import io.stratum.audit.AuditRecord;
import io.stratum.audit.AuditSink;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.simulator.KinesisRecord;
import io.stratum.testkit.HecReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sinks a deployment configures follow the trail while the server takes traffic: every record
 * reaches the JSON Lines file, the Splunk collector and the Kinesis stream, keyed by its hash.
 */
class AuditExportIT {
  @Test
  void configured_sinks_receive_every_record_of_a_live_session(@TempDir Path dir) throws Exception {
    try (BedrockSimulator sim = BedrockSimulator.builder().build().start();
        HecReceiver hec = new HecReceiver("hec-secret");
        Served served =
            Served.local(dir.resolve("data"), SampleCorpus.extractTo(dir.resolve("corpus")))) {
      sim.createStream("stratum-audit");
      System.setProperty("aws.accessKeyId", sim.accessKeyId());
      System.setProperty("aws.secretAccessKey", sim.secretKey());
      Path tfvars = dir.resolve("terraform.tfvars");
      Files.writeString(
          tfvars,
          """
          stratum_audit_jsonl_dir      = "siem"
          stratum_audit_hec_url        = "%s"
          stratum_audit_kinesis_stream = "stratum-audit"
          kinesis_endpoint_url         = "%s"
          aws_region                   = "%s"
          """
              .formatted(hec.url(), sim.endpoint(), sim.region()));
      ModelConfig config =
          Engine.loadConfig(Optional.of(tfvars), Map.of("STRATUM_AUDIT_HEC_TOKEN", "hec-secret"));
      AuditExporter exporter = served.stratum().auditExporter("test");
      List<AuditSink> sinks =
          AuditExports.sinks(config, Map.of("STRATUM_AUDIT_HEC_TOKEN", "hec-secret"));

      try (AuditExports running = AuditExports.follow(exporter, sinks)) {
        for (int i = 0; i < 20; i++) {
          served.admin().get("/api/workspaces/security/search?q=rotation");
        }
        long last = served.stratum().auditLog().sealedAfter(0, 10_000).getLast().seq();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (sinks.stream().anyMatch(s -> exporter.cursor(s.name()) < last)
            && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
      } finally {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
      }

      Set<String> hashes =
          served.stratum().auditLog().sealedAfter(0, 10_000).stream()
              .map(AuditRecord::hash)
              .collect(Collectors.toSet());
      assertThat(hashes).hasSizeGreaterThan(20);
      assertThat(
              Files.readAllLines(dir.resolve("siem/stratum-audit.ocsf.jsonl")).stream()
                  .map(l -> l.replaceAll(".*\"uid\":\"([0-9a-f]{64})\".*", "$1"))
                  .collect(Collectors.toSet()))
          .isEqualTo(hashes);
      assertThat(
              hec.received().stream()
                  .map(e -> e.at("/fields/event_key").asText())
                  .collect(Collectors.toSet()))
          .isEqualTo(hashes);
      assertThat(
              sim.kinesisRecords("stratum-audit").stream()
                  .map(KinesisRecord::partitionKey)
                  .collect(Collectors.toSet()))
          .isEqualTo(hashes);
      JsonNode search =
          hec.received().stream()
              .map(e -> e.get("event"))
              .filter(e -> e.at("/unmapped/action").asText().equals("search"))
              .findFirst()
              .orElseThrow();
      assertThat(search.at("/src_endpoint/ip").asText()).isEqualTo("127.0.0.1");
      assertThat(search.at("/actor/user/uid").asText()).isNotBlank();
    }
  }
}
