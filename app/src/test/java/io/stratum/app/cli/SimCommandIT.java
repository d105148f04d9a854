package io.stratum.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code stratum sim} from the built jar, as a script would run it. */
class SimCommandIT {
  @Test
  void the_jar_runs_the_simulator_prints_its_endpoints_and_answers_a_converse_call()
      throws Exception {
    Path jar = Path.of("target/stratum.jar");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java, "-Dai.djl.offline=true", "-jar", jar.toString(), "sim", "--port", "0")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("Requests received")) {
          break;
        }
      }
      String all = String.join("\n", lines);
      Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(all);
      assertThat(m.find()).as(all).isTrue();
      assertThat(all)
          .contains("export AWS_ACCESS_KEY_ID=AKIDSTRATUMSIM")
          .contains("export AWS_SECRET_ACCESS_KEY=stratum-sim-secret")
          .contains("export AWS_BEARER_TOKEN_BEDROCK=stratum-sim-key")
          .contains("openai.gpt-5.5");

      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + m.group(1)
                                  + "/model/amazon.nova-lite-v1%3A0/converse"))
                      .header("Authorization", "Bearer stratum-sim-key")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"ping\"}]}]}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("Simulated nova reply to \\\"ping\\\"");
    } finally {
      p.destroy();
      p.waitFor();
    }
  }
}
