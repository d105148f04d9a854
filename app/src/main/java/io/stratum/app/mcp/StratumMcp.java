package io.stratum.app.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.stratum.access.Principal;
import io.stratum.app.Stratum;
import jakarta.servlet.http.HttpServlet;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Stratum as an MCP server, built with the official MCP Java SDK: over stdio for one token's holder
 * ({@code stratum mcp --token …}), or as the Streamable HTTP servlet the main server mounts at
 * {@value #PATH}, where every request carries its own bearer token.
 */
public final class StratumMcp {
  public static final String PATH = "/mcp";

  /** The request attribute the HTTP server's token check leaves the caller's principal in. */
  public static final String PRINCIPAL_ATTRIBUTE = "stratum.principal";

  static final String INSTRUCTIONS =
      "Stratum answers from the organization's own documents (ADRs, runbooks, compliance"
          + " controls, code maps, Jira, Confluence), within the workspaces your token may read."
          + " Use search for passages, ask for a cited answer, get_document for a whole document.";

  private StratumMcp() {}

  /**
   * The Streamable HTTP endpoint: a servlet for the server to mount behind its bearer-token check,
   * which leaves the caller in {@link #PRINCIPAL_ATTRIBUTE}.
   */
  public record Http(HttpServlet servlet, McpSyncServer server, ToolCalls calls)
      implements AutoCloseable {
    /** Waits for tool calls in flight (up to a minute), then closes the sessions. */
    @Override
    public void close() {
      calls.drain(DRAIN);
      server.closeGracefully();
    }
  }

  static final Duration DRAIN = Duration.ofMinutes(1);

  public static Http http(Stratum stratum, String version) {
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .mcpEndpoint(PATH)
            .keepAliveInterval(Duration.ofSeconds(15))
            .contextExtractor(
                request -> {
                  Map<String, Object> m = new HashMap<>();
                  String auth = request.getHeader("Authorization");
                  if (auth != null) {
                    m.put(ToolCalls.AUTHORIZATION, auth);
                  }
                  m.put(ToolCalls.CLIENT_IP, request.getRemoteAddr());
                  Object who = request.getAttribute(PRINCIPAL_ATTRIBUTE);
                  if (who != null) {
                    m.put(ToolCalls.PRINCIPAL, who);
                  }
                  return McpTransportContext.create(m);
                })
            .build();
    ToolCalls calls = new ToolCalls(stratum, StratumMcp::bearer);
    McpSyncServer server = server(McpServer.sync(transport), stratum, calls, version);
    return new Http(transport, server, calls);
  }

  /**
   * Serves MCP over {@code in}/{@code out} for the holder of {@code token} until {@code in} ends.
   * The token is checked first (a bad one fails here, before any protocol), and again on every
   * call.
   */
  public static void stdio(
      Stratum stratum, String token, String version, InputStream in, OutputStream out) {
    Principal who = stratum.signIn().authenticate(token, "MCP: ");
    StdioLedger ledger = new StdioLedger();
    StdioServerTransportProvider transport =
        new StdioServerTransportProvider(McpJsonDefaults.getMapper(), ledger.watch(in), out);
    ToolCalls calls = new ToolCalls(stratum, c -> token);
    McpSyncServer server = server(McpServer.sync(transport), stratum, calls, version);
    LoggerFactory.getLogger(StratumMcp.class).info("MCP over stdio for {}", who.id());
    try {
      ledger.awaitEnd();
      // A client may close stdin right after its last call: every call read reaches its handler
      // (or the drain limit passes), then the drain waits for them to finish, before the index
      // and the embedder under them close.
      if (!calls.awaitArrived(ledger.toolCalls(), DRAIN)) {
        LoggerFactory.getLogger(StratumMcp.class)
            .warn("MCP over stdio: closing before every call read had started, after {}", DRAIN);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      calls.drain(DRAIN);
      server.closeGracefully();
    }
  }

  private static McpSyncServer server(
      McpServer.SyncSpecification<?> spec, Stratum stratum, ToolCalls calls, String version) {
    McpTools tools = new McpTools(stratum, calls);
    return spec.serverInfo("stratum", version)
        .instructions(INSTRUCTIONS)
        .capabilities(
            McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
        .requestTimeout(Duration.ofMinutes(15))
        .tools(tools.tools())
        .resourceTemplates(tools.resources())
        .build();
  }

  private static String bearer(McpTransportContext context) {
    Object header = context.get(ToolCalls.AUTHORIZATION);
    if (header instanceof String h && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return h.substring(7).strip();
    }
    return null;
  }
}
