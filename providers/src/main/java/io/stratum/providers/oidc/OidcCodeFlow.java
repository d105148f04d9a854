package io.stratum.providers.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import io.stratum.access.Principal;
import io.stratum.access.SingleSignOn;
import io.stratum.access.TokenRejectedException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OpenID Connect authorization code flow with PKCE ({@code S256}) against the configured
 * provider: its endpoints come from its discovery document, read at the first sign-in; the ID token
 * is checked by an {@link OidcAuthenticator} whose audience is this client, so the groups claim is
 * mapped to roles exactly as for bearer JWTs.
 */
public final class OidcCodeFlow implements SingleSignOn {
  /**
   * @param secret the client secret of a confidential client, or null for a public client
   */
  public record Client(String clientId, String secret, URI redirectUri) {
    @Override
    public String toString() {
      return "Client[" + clientId + ", " + redirectUri + "]";
    }
  }

  private record Endpoints(URI authorization, URI token) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String issuer;
  private final Client client;
  private final OidcAuthenticator idTokens;
  private final HttpClient http;
  private volatile Endpoints endpoints;

  /**
   * @param provider the issuer, JWKS URL, groups claim and role map of the bearer-token
   *     authenticator; its audience is replaced by the client id, which ID tokens carry
   */
  public OidcCodeFlow(OidcAuthenticator.Settings provider, Client client) {
    this.issuer = provider.issuer();
    this.client = client;
    this.idTokens =
        new OidcAuthenticator(
            new OidcAuthenticator.Settings(
                provider.issuer(),
                provider.jwksUrl(),
                client.clientId(),
                provider.groupsClaim(),
                provider.roleMap()));
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public Started start() {
    String state = random();
    String nonce = random();
    String verifier = random();
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", client.clientId());
    q.put("redirect_uri", client.redirectUri().toString());
    q.put("scope", "openid profile email");
    q.put("state", state);
    q.put("nonce", nonce);
    q.put("code_challenge", challenge(verifier));
    q.put("code_challenge_method", "S256");
    URI base = endpoints().authorization();
    String sep = base.getRawQuery() == null ? "?" : "&";
    return new Started(URI.create(base + sep + form(q)), state, nonce, verifier);
  }

  @Override
  public SignedIn finish(String code, Started started) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("grant_type", "authorization_code");
    f.put("code", code);
    f.put("redirect_uri", client.redirectUri().toString());
    f.put("code_verifier", started.verifier());
    f.put("client_id", client.clientId());
    HttpRequest.Builder req =
        HttpRequest.newBuilder(endpoints().token())
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form(f)));
    if (client.secret() != null) {
      String basic = encode(client.clientId()) + ":" + encode(client.secret());
      req.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    }
    JsonNode body = send(req.build(), "the token endpoint");
    String idToken = body.path("id_token").asText("");
    if (idToken.isEmpty()) {
      throw new TokenRejectedException(
          "the provider's token response has no id_token (is 'openid' an allowed scope?)");
    }
    JWTClaimsSet claims = idTokens.claims(idToken);
    Object nonce = claims.getClaim("nonce");
    if (!started.nonce().equals(nonce)) {
      throw new TokenRejectedException(
          "OIDC token rejected: its nonce does not match this sign-in's");
    }
    Principal who = idTokens.principal(claims);
    return new SignedIn(who, idToken, claims.getExpirationTime().toInstant());
  }

  @Override
  public Principal principal(String idToken) {
    return idTokens.authenticate(idToken);
  }

  private Endpoints endpoints() {
    Endpoints e = endpoints;
    if (e == null) {
      URI discovery =
          URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
      JsonNode d =
          send(
              HttpRequest.newBuilder(discovery).timeout(TIMEOUT).GET().build(),
              "the discovery document " + discovery);
      String auth = d.path("authorization_endpoint").asText("");
      String token = d.path("token_endpoint").asText("");
      if (auth.isEmpty() || token.isEmpty()) {
        throw new TokenRejectedException(
            discovery + " names no authorization_endpoint or token_endpoint");
      }
      e = new Endpoints(URI.create(auth), URI.create(token));
      endpoints = e;
    }
    return e;
  }

  private JsonNode send(HttpRequest req, String what) {
    HttpResponse<String> res;
    try {
      res = http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TokenRejectedException(
          "the identity provider cannot be reached (" + what + "): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenRejectedException("interrupted while calling " + what);
    }
    JsonNode body;
    try {
      body = JSON.readTree(res.body());
    } catch (IOException e) {
      throw new TokenRejectedException(what + " answered " + res.statusCode() + " without JSON");
    }
    if (res.statusCode() != 200) {
      // error and error_description are the provider's words, not secrets (RFC 6749 5.2)
      throw new TokenRejectedException(
          "%s answered %d: %s %s"
              .formatted(
                  what,
                  res.statusCode(),
                  body.path("error").asText(""),
                  body.path("error_description").asText(""))
              .strip());
    }
    return body;
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String challenge(String verifier) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
