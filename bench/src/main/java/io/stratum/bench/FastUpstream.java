package io.stratum.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The benchmark's upstream: a minimal OpenAI-compatible responder on loopback that answers every
 * Chat Completions and Responses call at once with the same small body, under {@code /v1} and
 * {@code /openai/v1} (the paths Bedrock Mantle serves, which Stratum's Mantle client calls). It
 * reads and ignores the request and checks no credential, so what is measured is the caller and
 * whatever stands between it and this.
 */
final class FastUpstream implements AutoCloseable {
  static final byte[] CHAT =
      ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1767225600,"
              + "\"model\":\"qwen.qwen3-32b\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
              + "\"assistant\",\"content\":\"Keys are rotated every 365 days.\",\"refusal\":null},"
              + "\"finish_reason\":\"stop\",\"logprobs\":null}],\"usage\":{\"prompt_tokens\":12,"
              + "\"completion_tokens\":8,\"total_tokens\":20}}")
          .getBytes(StandardCharsets.UTF_8);
  static final byte[] RESPONSE =
      ("{\"id\":\"resp_bench\",\"object\":\"response\",\"created_at\":1767225600,\"status\":"
              + "\"completed\",\"model\":\"qwen.qwen3-32b\",\"output\":[{\"type\":\"message\","
              + "\"id\":\"msg_bench\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":"
              + "[{\"type\":\"output_text\",\"text\":\"Keys are rotated every 365 days.\","
              + "\"annotations\":[]}]}],\"usage\":{\"input_tokens\":12,\"output_tokens\":8,"
              + "\"total_tokens\":20}}")
          .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;

  FastUpstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL without a path, e.g. {@code http://127.0.0.1:40123}. */
  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      in.readAllBytes();
    }
    String path = ex.getRequestURI().getPath();
    byte[] body =
        path.endsWith("/chat/completions") ? CHAT : path.endsWith("/responses") ? RESPONSE : null;
    if (body == null) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
