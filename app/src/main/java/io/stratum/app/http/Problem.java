package io.stratum.app.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem: a stable {@code type}, a {@code title} per type, the HTTP {@code status}, a
 * {@code detail} naming the culprit and its value, and extension members (e.g. {@code field}).
 */
record Problem(String type, String title, int status, String detail, Map<String, Object> extra) {
  static final String CONTENT_TYPE = "application/problem+json";

  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "urn:stratum:problem:" + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.putAll(extra);
    return body;
  }
}
