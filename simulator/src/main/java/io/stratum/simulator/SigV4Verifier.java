package io.stratum.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an {@code Authorization: AWS4-HMAC-SHA256 ...} header the way AWS does: rebuilds the
 * canonical request from what arrived (path segments URI-encoded a second time, as for every
 * service but S3), derives the signing key from the simulator's secret, and compares signatures.
 */
final class SigV4Verifier {
  private static final Pattern AUTH =
      Pattern.compile(
          "AWS4-HMAC-SHA256\\s+Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
              + "SignedHeaders=([^,]+),\\s*Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);

  /** Why a request was refused: the AWS error type and message. */
  record Failure(String type, String message) {}

  private final String accessKeyId;
  private final String secret;
  private final String region;
  private final String sessionToken;

  /**
   * @param sessionToken the session token of temporary credentials, which every request must then
   *     carry in a signed {@code x-amz-security-token} header; null for long-term keys
   */
  SigV4Verifier(String accessKeyId, String secret, String region, String sessionToken) {
    this.accessKeyId = accessKeyId;
    this.secret = secret;
    this.region = region;
    this.sessionToken = sessionToken;
  }

  /**
   * @param headers lower-cased header names to their values as received
   * @param rawPath the path exactly as sent (still percent-encoded once)
   * @return empty when the signature is valid
   */
  Optional<Failure> verify(
      String authorization,
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body,
      List<String> signingNames,
      Instant now) {
    Matcher m = AUTH.matcher(authorization);
    if (!m.matches()) {
      return fail(
          "IncompleteSignatureException",
          "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
    }
    String akid = m.group(1);
    String date = m.group(2);
    String signedRegion = m.group(3);
    String service = m.group(4);
    List<String> signed = List.of(m.group(5).split(";"));
    String signature = m.group(6);
    if (!akid.equals(accessKeyId)) {
      return fail(
          "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
    if (sessionToken != null) {
      String token = first(headers, "x-amz-security-token");
      if (token == null || !MessageDigest.isEqual(bytes(token), bytes(sessionToken))) {
        return fail(
            "UnrecognizedClientException",
            "The security token included in the request is invalid.");
      }
      if (!signed.contains("x-amz-security-token")) {
        return fail(
            "InvalidSignatureException",
            "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.");
      }
    }
    if (!signingNames.contains(service)) {
      return fail(
          "InvalidSignatureException",
          "Credential should be scoped to correct service: '" + signingNames.get(0) + "'. ");
    }
    if (!signedRegion.equals(region)) {
      return fail(
          "InvalidSignatureException",
          "Credential should be scoped to a valid region, not '" + signedRegion + "'. ");
    }
    String amzDate = first(headers, "x-amz-date");
    if (amzDate == null) {
      return fail("IncompleteSignatureException", "Date must be in ISO-8601 'basic format'.");
    }
    try {
      Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
      if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
        return fail(
            "InvalidSignatureException",
            "Signature expired: " + amzDate + " is now earlier than the allowed window.");
      }
    } catch (DateTimeParseException e) {
      return fail("IncompleteSignatureException", "Date must be in ISO-8601 'basic format'.");
    }
    if (!signed.contains("host")) {
      return fail(
          "InvalidSignatureException",
          "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }
    String payloadHash = hex(sha256(body));
    String claimed = first(headers, "x-amz-content-sha256");
    if (claimed != null && !claimed.equals("UNSIGNED-PAYLOAD")) {
      if (!claimed.equals(payloadHash)) {
        return fail(
            "InvalidSignatureException",
            "The provided 'x-amz-content-sha256' header does not match what was computed.");
      }
    } else if (claimed != null) {
      payloadHash = claimed;
    }
    StringBuilder canonicalHeaders = new StringBuilder();
    for (String name : signed) {
      List<String> values = headers.get(name);
      if (values == null) {
        return fail(
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided."
                + " Check your AWS Secret Access Key and signing method. Consult the service"
                + " documentation for details.");
      }
      canonicalHeaders
          .append(name)
          .append(':')
          .append(String.join(",", values.stream().map(SigV4Verifier::trimAll).toList()))
          .append('\n');
    }
    String canonical =
        String.join(
            "\n",
            method,
            encodePath(rawPath),
            canonicalQuery(rawQuery),
            canonicalHeaders.toString(),
            String.join(";", signed),
            payloadHash);
    String scope = date + "/" + signedRegion + "/" + service + "/aws4_request";
    String toSign =
        String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope, hex(sha256(bytes(canonical))));
    byte[] key = hmac(bytes("AWS4" + secret), date);
    key = hmac(key, signedRegion);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String expected = hex(hmac(key, toSign));
    if (!MessageDigest.isEqual(bytes(expected), bytes(signature))) {
      return fail(
          "InvalidSignatureException",
          "The request signature we calculated does not match the signature you provided. Check"
              + " your AWS Secret Access Key and signing method. Consult the service documentation"
              + " for details.");
    }
    return Optional.empty();
  }

  private static Optional<Failure> fail(String type, String message) {
    return Optional.of(new Failure(type, message));
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static String trimAll(String value) {
    return value.strip().replaceAll("\\s+", " ");
  }

  /** Every segment of the already-encoded path, URI-encoded again. */
  static String encodePath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    StringBuilder out = new StringBuilder();
    for (char c : rawPath.toCharArray()) {
      out.append(c == '/' ? "/" : uriEncode(String.valueOf(c)));
    }
    return out.toString();
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    TreeMap<String, List<String>> params = new TreeMap<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      params
          .computeIfAbsent(uriEncode(decode(k)), x -> new ArrayList<>())
          .add(uriEncode(decode(v)));
    }
    List<String> parts = new ArrayList<>();
    params.forEach((k, vs) -> vs.stream().sorted().forEach(v -> parts.add(k + "=" + v)));
    return String.join("&", parts);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  static String uriEncode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
      }
    }
    return out.toString();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(bytes(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static String amzDate(Instant instant) {
    return AMZ_DATE.format(instant);
  }
}
