package io.stratum.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelCatalog;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.DispatchSettings;
import io.stratum.dispatch.Dispatcher;
import io.stratum.dispatch.Planner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls one after another share one connection to the upstream. */
class ConnectionReuseTest {
  // a body with a newline after the JSON, as servers send: the parser stops before the end
  private static final byte[] COMPLETION =
      ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"qwen.qwen3-32b\",\"choices\":[{\"index\":0,"
              + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
              + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}\n")
          .getBytes(StandardCharsets.UTF_8);

  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          clientPorts.add(ex.getRemoteAddress().getPort());
          ex.getRequestBody().readAllBytes();
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, COMPLETION.length);
          ex.getResponseBody().write(COMPLETION);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void unstreamed_calls_one_after_another_reuse_one_connection() {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Dispatcher d =
        new Dispatcher(
            new Planner(ModelCatalog.standard()),
            List.of(
                new OpenAiTransport(Backend.CHAT, base, new OpenAiAuth.Bearer(() -> "k"), http)),
            DispatchSettings.defaults(Backend.RESPONSES));

    for (int i = 0; i < 5; i++) {
      assertThat(
              d.client("qwen.qwen3-32b", Backend.CHAT)
                  .chat(ChatRequest.of(ChatMessage.user("hi")))
                  .text())
          .isEqualTo("ok");
    }

    assertThat(clientPorts).as("client ports the upstream saw").hasSize(1);
  }
}
