package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.stratum.app.Engine;
import io.stratum.app.Stratum;
import io.stratum.corpus.MarkdownConnector;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * OIDC bearer tokens: signed by a key the identity provider publishes (a local JWKS endpoint here),
 * checked for issuer, audience and expiry, with groups mapped to roles by the tfvars.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcIT {
  static final String ISSUER = "https://login.acme.test/realms/acme";
  RSAKey key;
  RSAKey stranger;
  HttpServer idp;
  Stratum stratum;
  HttpApi api;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
    idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    idp.createContext(
        "/jwks",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(200, jwks.length);
          ex.getResponseBody().write(jwks);
          ex.close();
        });
    idp.start();
    Path tfvars =
        Files.writeString(
            dir.resolve("terraform.tfvars"),
            """
            oidc_issuer   = "%s"
            oidc_jwks_url = "http://127.0.0.1:%d/jwks"
            oidc_audience = "stratum"
            oidc_role_map = {
              "sec-team"        = "security:member"
              "platform-admins" = "org_admin"
            }
            """
                .formatted(ISSUER, idp.getAddress().getPort()));
    Path docs = dir.resolve("docs");
    for (String ws : List.of("security", "operations")) {
      Files.createDirectories(docs.resolve(ws));
      Files.writeString(docs.resolve(ws + "/keys.md"), "# Keys\nMaster keys rotate every year.\n");
    }
    stratum =
        Engine.open(
            dir.resolve("data"), Engine.loadConfig(Optional.of(tfvars), Map.of()), Map.of());
    stratum.documents().ingest(MarkdownConnector.byDirectory(docs), p -> {});
    api = HttpApi.start(stratum, "127.0.0.1", 0);
  }

  @AfterAll
  void stop() {
    api.close();
    stratum.close();
    idp.stop(0);
  }

  private String jwt(RSAKey signer, String audience, Instant expires, List<String> groups)
      throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
            new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("u-123")
                .audience(audience)
                .expirationTime(Date.from(expires))
                .claim("email", "dana@acme.test")
                .claim("groups", groups)
                .build());
    jwt.sign(new RSASSASigner(signer));
    return jwt.serialize();
  }

  private SseClient as(String token) {
    return new SseClient(api.port(), token);
  }

  @Test
  void a_groups_claim_maps_to_workspace_roles_and_org_admin() throws Exception {
    Instant later = Instant.now().plusSeconds(300);
    SseClient member = as(jwt(key, "stratum", later, List.of("sec-team", "unmapped")));
    SseClient admin = as(jwt(key, "stratum", later, List.of("platform-admins")));

    assertThat(member.get("/api/workspaces/security/search?q=keys").status()).isEqualTo(200);
    assertThat(member.get("/api/workspaces/operations/search?q=keys").json().get("detail").asText())
        .isEqualTo("'oidc:u-123' may not read workspace 'operations'");
    assertThat(admin.get("/api/workspaces/operations/search?q=keys").status()).isEqualTo(200);
  }

  @Test
  void expired_foreign_and_misaddressed_tokens_are_refused_saying_why() throws Exception {
    Instant later = Instant.now().plusSeconds(300);
    SseClient.Response expired =
        as(jwt(key, "stratum", Instant.now().minusSeconds(600), List.of("sec-team")))
            .get("/api/workspaces");
    SseClient.Response foreign =
        as(jwt(stranger, "stratum", later, List.of("sec-team"))).get("/api/workspaces");
    SseClient.Response elsewhere =
        as(jwt(key, "another-app", later, List.of("sec-team"))).get("/api/workspaces");

    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().get("detail").asText()).isEqualTo("OIDC token rejected: Expired JWT");
    assertThat(foreign.json().get("detail").asText())
        .isEqualTo("OIDC token rejected: Signed JWT rejected: Invalid signature");
    assertThat(elsewhere.json().get("detail").asText())
        .isEqualTo("OIDC token rejected: JWT aud claim rejected");
  }
}
