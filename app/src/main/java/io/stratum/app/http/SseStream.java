package io.stratum.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events on a plain response. Headers are committed with the first event, so an error
 * raised before anything was sent still becomes an ordinary problem+json response.
 */
final class SseStream {
  private final Context ctx;
  private final ObjectMapper json;
  private OutputStream out;

  SseStream(Context ctx, ObjectMapper json) {
    this.ctx = ctx;
    this.json = json;
  }

  boolean started() {
    return out != null;
  }

  void send(String event, Object data) {
    try {
      write("event: " + event + "\ndata: " + json.writeValueAsString(data) + "\n\n");
    } catch (IOException e) {
      throw new UncheckedIOException("client went away while streaming '" + event + "'", e);
    }
  }

  /** A comment line: keeps idle proxies from closing the connection, ignored by clients. */
  void comment(String text) {
    try {
      write(": " + text + "\n\n");
    } catch (IOException e) {
      throw new UncheckedIOException("client went away while streaming a comment", e);
    }
  }

  private void write(String frame) throws IOException {
    if (out == null) {
      ctx.status(200);
      ctx.res().setContentType("text/event-stream;charset=utf-8");
      ctx.res().setHeader("Cache-Control", "no-cache");
      ctx.res().setHeader("X-Accel-Buffering", "no");
      out = ctx.res().getOutputStream();
    }
    out.write(frame.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
