package io.stratum.app.http;

import io.javalin.http.Context;
import io.stratum.app.api.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web UI's files, served from the jar ({@code /web} on the classpath): {@code /} is the page,
 * {@code /assets/NAME} its modules, stylesheet and icon. Nothing is fetched from elsewhere at run
 * time. Responses carry an ETag and {@code no-cache}, so a browser revalidates after an upgrade.
 */
final class WebAssets {
  /**
   * The policy of the UI's pages: own-origin scripts, styles, images and API calls only; no inline
   * code, no framing, no plugin content.
   */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(js|css|svg|png)");
  private static final Map<String, String> TYPES =
      Map.of(
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "html", "text/html; charset=utf-8");

  private record Asset(byte[] bytes, String type, String etag) {}

  private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

  /** True for the paths the UI serves, which get {@link #CSP}. */
  static boolean isUi(String path) {
    return path.equals("/") || path.equals("/index.html") || path.startsWith("/assets/");
  }

  void page(Context ctx) {
    send(ctx, load("index.html").orElseThrow(() -> new IllegalStateException("no web/index.html")));
  }

  void asset(Context ctx) {
    String name = ctx.pathParam("name");
    Optional<Asset> a = NAME.matcher(name).matches() ? load("assets/" + name) : Optional.empty();
    send(ctx, a.orElseThrow(() -> new NotFoundException("asset '" + name + "' does not exist")));
  }

  private static void send(Context ctx, Asset a) {
    ctx.header("ETag", a.etag());
    ctx.header("Cache-Control", "no-cache");
    if (a.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(a.type());
    ctx.result(a.bytes());
  }

  private Optional<Asset> load(String path) {
    return cache.computeIfAbsent(path, WebAssets::read);
  }

  private static Optional<Asset> read(String path) {
    try (InputStream in = WebAssets.class.getResourceAsStream("/web/" + path)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      String ext = path.substring(path.lastIndexOf('.') + 1);
      return Optional.of(new Asset(bytes, TYPES.get(ext), etag(bytes)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read web/" + path + " from the jar", e);
    }
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
