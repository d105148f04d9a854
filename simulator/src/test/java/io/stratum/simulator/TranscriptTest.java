package io.stratum.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Snapshots, not fidelity: recorded from our own simulator, they catch an unnoticed change in what
 * it answers, not disagreement with Bedrock (the official SDKs' tests are for that). One per family
 * and quirk: a request in, the exact bytes out. Each file in {@code src/test/resources/transcripts}
 * holds the request line and body, then {@code === response}, the status and content type, and the
 * body (event-stream bodies as hex, 32 bytes a line). To add one, write the request half and run
 * with {@code -Dstratum.sim.record=true} once, then review and commit the recorded half.
 */
class TranscriptTest {
  static final Path DIR = Path.of("src/test/resources/transcripts");
  static final String MARK = "=== response";
  static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  static Stream<Path> transcripts() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".txt")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transcripts")
  void the_simulator_answers_byte_for_byte_as_its_snapshot(Path file) throws Exception {
    assertThat(recording() && "true".equals(System.getenv("CI")))
        .as("-Dstratum.sim.record=true under CI=true would rewrite the snapshots it checks")
        .isFalse();
    String content = Files.readString(file);
    String request = content.contains(MARK) ? content.substring(0, content.indexOf(MARK)) : content;
    List<String> lines = request.strip().lines().toList();
    String[] requestLine = lines.get(0).split(" ", 2);
    String body = String.join("\n", lines.subList(1, lines.size()));

    String actual;
    try (BedrockSimulator sim = BedrockSimulator.builder().clock(FIXED).build().start()) {
      HttpResponse<byte[]> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(sim.endpoint() + requestLine[1]))
                      .header("Authorization", "Bearer " + sim.apiKey())
                      .header("Content-Type", "application/json")
                      .method(requestLine[0], HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      String type = r.headers().firstValue("content-type").orElse("");
      String shown =
          type.startsWith("application/vnd.amazon.eventstream")
              ? hex(r.body())
              : new String(r.body(), StandardCharsets.UTF_8);
      actual = r.statusCode() + " " + type + "\n" + shown.strip() + "\n";
    }

    if (recording()) {
      Files.writeString(file, request.strip() + "\n" + MARK + "\n" + actual);
      return;
    }
    assertThat(content).as("%s has no recorded response; record it once", file).contains(MARK);
    assertThat(actual).isEqualTo(content.substring(content.indexOf(MARK) + MARK.length() + 1));
  }

  static boolean recording() {
    return Boolean.getBoolean("stratum.sim.record");
  }

  static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bytes.length; i += 32) {
      sb.append(HexFormat.of().formatHex(bytes, i, Math.min(bytes.length, i + 32))).append('\n');
    }
    return sb.toString();
  }
}
