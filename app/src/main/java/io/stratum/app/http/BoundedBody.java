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
 * whatever it is sent, and the API's own limit does not reach the servlet it mounts.
 */
final class BoundedBody extends HttpServletRequestWrapper {
  private final byte[] body;

  private BoundedBody(HttpServletRequest req, byte[] body) {
    super(req);
    this.body = body;
  }

  /** {@code req} with its body read, or null when the body is over {@code max} bytes. */
  static HttpServletRequest read(HttpServletRequest req, long max) throws IOException {
    if (req.getContentLengthLong() > max) {
      return null; // refused without reading a byte
    }
    try (InputStream in = req.getInputStream()) {
      byte[] body = in.readNBytes((int) max + 1);
      return body.length > max ? null : new BoundedBody(req, body);
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
