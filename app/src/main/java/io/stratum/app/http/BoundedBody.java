package io.stratum.app.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request body read whole, up to a limit, before the MCP transport sees it: the transport reads
 * whatever it is sent, and the API's own limit does not reach the servlet it mounts. A body over
 * the limit, on any path, is drained before the 413 is sent.
 */
final class BoundedBody extends HttpServletRequestWrapper {
  private final byte[] body;

  private BoundedBody(HttpServletRequest req, byte[] body) {
    super(req);
    this.body = body;
  }

  /**
   * The most of a refused body that is read and thrown away before the refusal is sent (Tomcat's
   * {@code maxSwallowSize} plays the same part). A server that answers 413 and closes while the
   * client is still sending makes many clients (the JDK's among them) report a reset instead of the
   * answer; reading the rest first lets them see it. Past this, the connection is closed.
   */
  static final long DRAIN_LIMIT = 16L << 20;

  /**
   * {@code req} with its body read, or null when the body is over {@code max} bytes; what a refused
   * body still holds is then {@link #drain drained}.
   */
  static HttpServletRequest read(HttpServletRequest req, long max) throws IOException {
    if (req.getContentLengthLong() > max) {
      drain(req);
      return null;
    }
    InputStream in = req.getInputStream();
    byte[] body = in.readNBytes((int) max + 1);
    if (body.length > max) {
      drain(req);
      return null;
    }
    return new BoundedBody(req, body);
  }

  /**
   * Reads what is left of {@code req}'s body, up to {@link #DRAIN_LIMIT} bytes, and drops it; a
   * client that went away meanwhile is no error.
   */
  static void drain(HttpServletRequest req) {
    byte[] buf = new byte[64 << 10];
    long left = DRAIN_LIMIT;
    try {
      InputStream in = req.getInputStream();
      for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) != -1; ) {
        left -= n;
      }
    } catch (IOException e) {
      // the client stopped sending: the answer may still reach it, and nothing else is owed
    }
  }

  @Override
  public ServletInputStream getInputStream() {
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    return new ServletInputStream() {
      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return in.read(b, off, len);
      }

      @Override
      public boolean isFinished() {
        return in.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException("the body was read already; read it blocking");
      }
    };
  }

  @Override
  public BufferedReader getReader() {
    String enc = getCharacterEncoding();
    Charset charset = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
    return new BufferedReader(new InputStreamReader(getInputStream(), charset));
  }
}
