package io.stratum.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events on a plain response. Headers are committed with the first event, so an error
 * raised before anything was sent still becomes an ordinary problem+json response.
 */
final class SseStream {
  private final Context ctx;
  private final ObjectMapper json;
  private static final Logger LOG = LoggerFactory.getLogger(SseStream.class);
  private OutputStream out;
  private volatile boolean gone;

  SseStream(Context ctx, ObjectMapper json) {
    this.ctx = ctx;
    this.json = json;
  }

  boolean started() {
    return out != null;
  }

  /**
   * Sends an event. When the client has gone away the rest of the stream is dropped rather than
   * failed: the answer still runs to its end, so its usage is billed and the exchange recorded.
   */
  void send(String event, Object data) {
    try {
      write("event: " + event + "\ndata: " + json.writeValueAsString(data) + "\n\n");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot render the '" + event + "' event", e);
    }
  }

  /** A {@code data:} line alone, as OpenAI's Chat Completions stream sends its chunks. */
  void data(Object data) {
    try {
      write("data: " + json.writeValueAsString(data) + "\n\n");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot render a data frame", e);
    }
  }

  /** {@code data: [DONE]}: the end of an OpenAI Chat Completions stream. */
  void done() {
    write("data: [DONE]\n\n");
  }

  /** A comment line: keeps idle proxies from closing the connection, ignored by clients. */
  void comment(String text) {
    write(": " + text + "\n\n");
  }

  boolean clientGone() {
    return gone;
  }

  private void write(String frame) {
    if (gone) {
      return;
    }
    try {
      open();
      out.write(frame.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      gone = true;
      LOG.info("client went away mid-stream; the answer finishes unseen: {}", e.getMessage());
    }
  }

  private void open() throws IOException {
    if (out == null) {
      ctx.status(200);
      ctx.res().setContentType("text/event-stream;charset=utf-8");
      ctx.res().setHeader("Cache-Control", "no-cache");
      ctx.res().setHeader("X-Accel-Buffering", "no");
      out = ctx.res().getOutputStream();
    }
  }
}
