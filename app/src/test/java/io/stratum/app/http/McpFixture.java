package io.stratum.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.stratum.app.Stratum;
import java.nio.file.Path;

/**
 * The served sample corpus with one more principal, dana, a member of the security workspace only,
 * and her API token: what the MCP tests drive.
 */
public final class McpFixture implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();
  private final Served served;
  private final String danaToken;

  private McpFixture(Served served, String danaToken) {
    this.served = served;
    this.danaToken = danaToken;
  }

  public static McpFixture start(Path data, Path corpus) {
    Served served = Served.local(data, corpus);
    try {
      SseClient admin = served.admin();
      admin.post("/api/principals", "{\"id\": \"dana\"}");
      admin.put("/api/workspaces/security/members/dana", "{\"role\": \"member\"}");
      String token =
          admin.post("/api/tokens", "{\"principal\": \"dana\"}").json().get("token").asText();
      return new McpFixture(served, token);
    } catch (Exception e) {
      served.close();
      throw new IllegalStateException("cannot set up the MCP fixture", e);
    }
  }

  /** The Streamable HTTP client transport to this server's {@code /mcp}, sending {@code token}. */
  public HttpClientStreamableHttpTransport transport(String token) {
    return HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port())
        .endpoint("/mcp")
        .httpRequestCustomizer(
            (b, method, uri, body, ctx) -> b.header("Authorization", "Bearer " + token))
        .build();
  }

  public int port() {
    return served.api().port();
  }

  public Stratum stratum() {
    return served.stratum();
  }

  public String danaToken() {
    return danaToken;
  }

  public String adminToken() {
    return served.admin().token();
  }

  /** Another token for dana: {@code [id, token]}. */
  public String[] issueDanaToken() throws Exception {
    JsonNode t = served.admin().post("/api/tokens", "{\"principal\": \"dana\"}").json();
    return new String[] {t.get("id").asText(), t.get("token").asText()};
  }

  public void revokeToken(String id) throws Exception {
    served.admin().delete("/api/tokens/" + id);
  }

  /** A document in the compliance workspace, which dana may not read. */
  public String complianceDocument() {
    return "compliance:compliance/control-cm-3-change-control.md";
  }

  @Override
  public void close() {
    served.close();
  }
}
