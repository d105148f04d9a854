package io.stratum.app.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.stratum.access.AccessDeniedException;
import io.stratum.access.Principal;
import io.stratum.app.Stratum;
import io.stratum.app.api.NotFoundException;
import io.stratum.app.api.Problem;
import io.stratum.app.usecase.Documents;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The MCP boundary: who is calling (checked on every request, so a revoked token stops working
 * mid-session), the log context, the audit record of the call, and the one place Stratum's failures
 * become tool errors. A denial names the workspace and carries no data.
 */
final class ToolCalls {
  static final String AUTHORIZATION = "authorization";
  static final String CLIENT_IP = "clientIp";
  static final String PRINCIPAL = "principal";
  private static final Logger LOG = LoggerFactory.getLogger(ToolCalls.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Stratum stratum;
  private final Function<McpTransportContext, String> bearer;
  // Calls hold the read side; closing takes the write side, so it waits for calls in flight
  // (closing Stratum under a running embedding would crash the native runtime).
  private final ReentrantReadWriteLock inFlight = new ReentrantReadWriteLock();
  private volatile boolean closing;
  private long arrived;

  /**
   * @param bearer the caller's token, from the transport context (HTTP) or fixed (stdio)
   */
  ToolCalls(Stratum stratum, Function<McpTransportContext, String> bearer) {
    this.stratum = stratum;
    this.bearer = bearer;
  }

  /** A tool's work, given the caller, its arguments, the exchange and the progress token. */
  interface Body {
    Outcome run(Principal who, Args args, McpSyncServerExchange exchange, Object progressToken);
  }

  /**
   * @param structured the tool's structured result
   * @param workspaces the workspaces it touched, for the audit record
   * @param details what the audit record keeps of it
   */
  record Outcome(
      Map<String, Object> structured, List<String> workspaces, Map<String, Object> details) {}

  /** Refuses new calls and waits up to {@code timeout} for those in flight. */
  void drain(Duration timeout) {
    closing = true;
    try {
      if (inFlight.writeLock().tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.warn("MCP calls still running after {} s; closing anyway", timeout.toSeconds());
  }

  /** Runs {@code work} as a call in flight, which {@link #drain} waits for; after it, refuses. */
  private <T> T whileOpen(Supplier<T> work) {
    if (closing || !inFlight.readLock().tryLock()) {
      throw new ShuttingDown();
    }
    try {
      return work.get();
    } finally {
      inFlight.readLock().unlock();
    }
  }

  /** A call that arrived after {@link #drain} began. */
  static final class ShuttingDown extends IllegalStateException {
    ShuttingDown() {
      super("Stratum is shutting down; try again when it is back");
    }
  }

  /** Waits up to {@code limit} until {@code n} calls have arrived here; false if they did not. */
  synchronized boolean awaitArrived(long n, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (arrived < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  private synchronized void arrived() {
    arrived++;
    notifyAll();
  }

  CallToolResult run(String tool, McpSyncServerExchange ex, CallToolRequest req, Body body) {
    try {
      // counted once in flight, so that a drain that follows the count waits for this call
      return whileOpen(
          () -> {
            arrived();
            return call(tool, ex, req, body);
          });
    } catch (ShuttingDown e) {
      return CallToolResult.builder().isError(true).addTextContent(e.getMessage()).build();
    }
  }

  private CallToolResult call(
      String tool, McpSyncServerExchange ex, CallToolRequest req, Body body) {
    McpTransportContext context = ex.transportContext();
    MDC.put("requestId", UUID.randomUUID().toString());
    MDC.put("via", "mcp");
    Object ip = context.get(CLIENT_IP);
    if (ip != null) {
      MDC.put(CLIENT_IP, ip.toString());
    }
    Principal who = null;
    Args args = new Args(req.arguments());
    try {
      who = principal(context, "MCP " + tool + ": ");
      Object token = req.meta() == null ? null : req.meta().get("progressToken");
      Outcome o = body.run(who, args, ex, token);
      stratum
          .auditor()
          .toolCall(
              who,
              tool,
              "success",
              o.workspaces().size() == 1 ? o.workspaces().get(0) : "",
              with(o));
      return CallToolResult.builder()
          .structuredContent(o.structured())
          .addTextContent(json(o.structured()))
          .build();
    } catch (RuntimeException e) {
      return failure(tool, who, args, e);
    } finally {
      MDC.remove("requestId");
      MDC.remove("via");
      MDC.remove(CLIENT_IP);
    }
  }

  McpSchema.ReadResourceResult resource(McpSyncServerExchange ex, McpSchema.ReadResourceRequest r) {
    return whileOpen(() -> read(ex, r));
  }

  private McpSchema.ReadResourceResult read(
      McpSyncServerExchange ex, McpSchema.ReadResourceRequest r) {
    Principal who = principal(ex.transportContext(), "MCP resource: ");
    String id =
        URLDecoder.decode(r.uri().substring(McpTools.DOC_URI.length()), StandardCharsets.UTF_8);
    MDC.put("via", "mcp");
    try {
      Documents.DocumentView d =
          stratum
              .documents()
              .document(who, id)
              .orElseThrow(() -> new NotFoundException("no document with id '" + id + "'"));
      return new McpSchema.ReadResourceResult(
          List.of(
              new McpSchema.TextResourceContents(
                  r.uri(), "text/plain", String.join("\n\n", d.chunks()))));
    } finally {
      MDC.remove("via");
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tool result does not serialize", e);
    }
  }

  /**
   * The caller: as the HTTP filter authenticated it for this very request, or, over stdio, by its
   * token again, so a token revoked mid-session stops working.
   */
  private Principal principal(McpTransportContext context, String channel) {
    if (context.get(PRINCIPAL) instanceof Principal p) {
      return p;
    }
    return stratum.signIn().authenticate(bearer.apply(context), channel);
  }

  private static Map<String, Object> with(Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>(o.details());
    if (o.workspaces().size() > 1) {
      m.put("workspaces", o.workspaces());
    }
    return m;
  }

  private CallToolResult failure(String tool, Principal who, Args args, RuntimeException e) {
    Problem p = Problem.of(e);
    String outcome =
        switch (p.status()) {
          case 401, 403 -> "denied";
          case 429 -> "refused";
          default -> "failure";
        };
    if (p.internal()) {
      LOG.error("MCP tool {} failed (error id {})", tool, p.extra().get("errorId"), e);
    }
    String message = p.status() == 401 ? "unauthenticated: " + p.detail() : p.detail();
    if (who != null) {
      stratum
          .auditor()
          .toolCall(
              who,
              tool,
              outcome,
              e instanceof AccessDeniedException a ? a.workspace() : args.workspace(),
              Map.of("error", message));
    }
    return CallToolResult.builder().isError(true).addTextContent(message).build();
  }
}
