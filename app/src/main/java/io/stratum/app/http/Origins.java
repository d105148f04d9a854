package io.stratum.app.http;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The browser origins that may call: the server's own, and those configured ({@code
 * stratum_allowed_origins}). A request without {@code Origin} comes from a program, not a page, and
 * may call. The server's own origin is the address and port the request reached, with {@code
 * localhost} for a loopback address: a DNS-rebinding page, whose origin carries the attacker's
 * name, never matches it.
 */
final class Origins {
  private final Set<String> listed;

  /**
   * @param listed origins as {@code scheme://host[:port]}, lower case
   */
  Origins(List<String> listed) {
    this.listed = Set.copyOf(listed);
  }

  /** Whether a request from {@code origin} (its {@code Origin} header) may go on. */
  boolean permit(HttpServletRequest req, String origin) {
    return listed(origin) || own(req, origin);
  }

  /** Whether {@code origin} is configured, so its pages get CORS headers. */
  boolean listed(String origin) {
    return listed.contains(origin.toLowerCase(Locale.ROOT));
  }

  private static boolean own(HttpServletRequest req, String origin) {
    URI uri;
    try {
      uri = URI.create(origin);
    } catch (IllegalArgumentException e) {
      return false; // "null" (a sandboxed page, a file) and anything unparsable is no origin of
      // ours
    }
    if (uri.getHost() == null || !req.getScheme().equalsIgnoreCase(uri.getScheme())) {
      return false;
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
    return port == req.getLocalPort() && sameHost(uri.getHost(), req.getLocalAddr());
  }

  /**
   * {@code host} (from the origin) names {@code local}, the address literal the request reached.
   * Only address literals are compared (bracketed IPv6 is parsed, never looked up): a name would
   * need DNS, and is never the server's own unless configured.
   */
  private static boolean sameHost(String host, String local) {
    String reached = local.contains(":") && !local.startsWith("[") ? "[" + local + "]" : local;
    try {
      if (host.equalsIgnoreCase("localhost")) {
        return InetAddress.getByName(reached).isLoopbackAddress();
      }
      return host.startsWith("[")
          ? InetAddress.getByName(host).equals(InetAddress.getByName(reached))
          : host.equals(reached);
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
