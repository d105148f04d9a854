package io.stratum.app.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/**
 * Counts the tool calls a stdio client has sent, so that when it closes stdin the server closes
 * once every call it read has reached its handler, however slow the machine, instead of after a
 * fixed grace period. (The SDK writes nothing after stdin ends, so answers cannot be awaited.)
 */
final class StdioLedger {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CountDownLatch ended = new CountDownLatch(1);
  private long toolCalls;

  /** {@code in}, counting each request line it yields and noting its end. */
  InputStream watch(InputStream in) {
    Lines lines = new Lines(this::read);
    return new FilterInputStream(in) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
          ended.countDown();
        } else {
          lines.add(b, off, n);
        }
        return n;
      }

      @Override
      public int read() throws IOException {
        int c = super.read();
        if (c < 0) {
          ended.countDown();
        } else {
          lines.add(new byte[] {(byte) c}, 0, 1);
        }
        return c;
      }
    };
  }

  /** Blocks until the input ends. */
  void awaitEnd() throws InterruptedException {
    ended.await();
  }

  /** How many {@code tools/call} requests the client has sent so far. */
  synchronized long toolCalls() {
    return toolCalls;
  }

  private synchronized void read(JsonNode message) {
    if ("tools/call".equals(message.path("method").asText()) && message.has("id")) {
      toolCalls++;
    }
  }

  /** Splits bytes into newline-delimited JSON messages (MCP's stdio framing). */
  private static final class Lines {
    private final java.util.function.Consumer<JsonNode> each;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    Lines(java.util.function.Consumer<JsonNode> each) {
      this.each = each;
    }

    synchronized void add(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          parse();
        } else {
          line.write(b[i]);
        }
      }
    }

    private void parse() {
      byte[] bytes = line.toByteArray();
      line.reset();
      try {
        JsonNode message = JSON.readTree(bytes);
        if (message != null && message.isObject()) {
          each.accept(message);
        }
      } catch (IOException notJson) {
        // not a message: the SDK answers it with a parse error, which is not a response to count
      }
    }
  }
}
