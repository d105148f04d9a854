package io.stratum.app.config;

import java.util.List;

/**
 * What web browsers may do with the server.
 *
 * @param allowedOrigins {@code stratum_allowed_origins}: the origins ({@code https://host[:port]},
 *     lower case) whose pages may call the API and MCP besides the server's own; empty: none
 */
public record BrowserSettings(List<String> allowedOrigins) {
  public static final BrowserSettings OWN_ORIGIN_ONLY = new BrowserSettings(List.of());

  public BrowserSettings {
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  static BrowserSettings read(Values v) {
    List<String> origins = v.get(ServiceKeys.ALLOWED_ORIGINS);
    return origins == null ? OWN_ORIGIN_ONLY : new BrowserSettings(origins);
  }
}
