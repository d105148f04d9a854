package io.stratum.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The simulator's port, in front of its HTTP/1.1 server: HTTP/1.1 passes through unchanged, and
 * HTTP/2 cleartext (h2c) is spoken here, by prior knowledge (a client that opens with the HTTP/2
 * preface, as the AWS SDKs for Java and JavaScript do on {@code http://}) or by {@code Upgrade:
 * h2c} (as the JDK's HttpClient does). Each HTTP/2 stream is forwarded to the server as one
 * HTTP/1.1 request, and its response streamed back as it comes, so every surface, fault and check
 * behaves the same on both protocols. Frames are read and written here (RFC 9113); header blocks
 * are HPACK-coded with Netty's codec.
 */
final class H2cFront implements AutoCloseable {
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int DATA = 0, HEADERS = 1, RST_STREAM = 3, SETTINGS = 4, PING = 6;
  private static final int GOAWAY = 7, WINDOW_UPDATE = 8, CONTINUATION = 9;
  private static final int END_STREAM = 0x1, ACK = 0x1, END_HEADERS = 0x4, PADDED = 0x8;
  private static final int PRIORITY = 0x20, DEFAULT_WINDOW = 65_535, MAX_HEAD = 64 * 1024;

  /** Hop-by-hop headers that HTTP/2 forbids (RFC 9113 8.2.2) or that the forwarding sets. */
  private static final Set<String> HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "transfer-encoding",
          "upgrade",
          "http2-settings",
          "te",
          "host",
          "content-length");

  private final ServerSocket server;
  private final InetSocketAddress backend;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  H2cFront(InetAddress host, int port, InetSocketAddress backend) throws IOException {
    this.server = new ServerSocket(port, 64, host);
    this.backend = backend;
    threads.submit(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    threads.shutdownNow();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        threads.submit(() -> serve(s));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Reads just enough to tell the protocols apart, then serves or passes the connection on. */
  private void serve(Socket client) {
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      boolean preface = true;
      while (true) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        head.write(b);
        int n = head.size();
        preface = preface && n <= PREFACE.length && PREFACE[n - 1] == (byte) b;
        if (preface && n == PREFACE.length) {
          new Connection(client, in, null).run();
          return;
        }
        if (!preface && endsWithBlankLine(head)) {
          break;
        }
        if (n > MAX_HEAD) {
          break; // not ours to judge: the server answers it
        }
      }
      Map<String, String> h1 = parseHead(head.toString(StandardCharsets.ISO_8859_1));
      if (h1.getOrDefault("upgrade", "").equalsIgnoreCase("h2c")
          && h1.containsKey("http2-settings")) {
        byte[] body = in.readNBytes(Integer.parseInt(h1.getOrDefault("content-length", "0")));
        OutputStream out = client.getOutputStream();
        out.write(
            "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        new Connection(client, in, new Request(h1, body)).run();
        return;
      }
      pipe(client, in, head.toByteArray());
    } catch (IOException | RuntimeException e) {
      // the client went away, or spoke neither protocol
    }
  }

  private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
    byte[] b = head.toByteArray();
    int n = b.length;
    return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
  }

  /** The request line under the key {@code :line}, and lower-cased header names. */
  private static Map<String, String> parseHead(String head) {
    Map<String, String> h = new LinkedHashMap<>();
    String[] lines = head.split("\r\n");
    h.put(":line", lines[0]);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        h.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    return h;
  }

  /** HTTP/1.1: the bytes read so far, then both directions copied until either side ends. */
  private void pipe(Socket client, InputStream in, byte[] head) throws IOException {
    try (Socket server = new Socket(backend.getAddress(), backend.getPort())) {
      server.setTcpNoDelay(true);
      OutputStream toServer = server.getOutputStream();
      toServer.write(head);
      toServer.flush();
      threads.submit(
          () -> {
            try {
              in.transferTo(toServer);
              server.shutdownOutput();
            } catch (IOException e) {
              // either side closed
            }
          });
      try {
        server.getInputStream().transferTo(client.getOutputStream());
      } catch (IOException e) {
        // the server cut the connection (a fault) or the client left: end the client's too
      }
    }
  }

  /** An HTTP/1.1 request that asked to upgrade: it becomes stream 1. */
  private record Request(Map<String, String> h1, byte[] body) {}

  /** One HTTP/2 connection: reads frames, forwards complete streams, writes their responses. */
  private final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Request upgraded;
    private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(true);
    private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
    private final Map<Integer, Stream> streams = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    private final Object windowLock = new Object();
    private int connectionWindow = DEFAULT_WINDOW;
    private int initialWindow = DEFAULT_WINDOW;
    private int maxFrame = 16_384;
    private volatile boolean closed;

    Connection(Socket socket, InputStream in, Request upgraded) throws IOException {
      this.socket = socket;
      this.in = in;
      this.out = socket.getOutputStream();
      this.upgraded = upgraded;
    }

    final class Stream {
      final int id;
      final ByteArrayOutputStream block = new ByteArrayOutputStream();
      final ByteArrayOutputStream body = new ByteArrayOutputStream();
      Http2Headers headers;
      int window = initialWindow;
      volatile boolean reset;
      boolean endAfterHeaders;

      Stream(int id) {
        this.id = id;
      }
    }

    void run() throws IOException {
      if (upgraded != null) {
        byte[] preface = in.readNBytes(PREFACE.length);
        if (!Arrays.equals(preface, PREFACE)) {
          return;
        }
      }
      frame(SETTINGS, 0, 0, new byte[0]);
      if (upgraded != null) {
        Stream s = new Stream(1);
        s.headers = fromHttp1(upgraded.h1());
        s.body.writeBytes(upgraded.body());
        streams.put(1, s);
        dispatch(s);
      }
      try {
        while (!closed) {
          byte[] head = in.readNBytes(9);
          if (head.length < 9) {
            return;
          }
          int length = ((head[0] & 0xff) << 16) | ((head[1] & 0xff) << 8) | (head[2] & 0xff);
          int type = head[3] & 0xff;
          int flags = head[4] & 0xff;
          int id = ByteBuffer.wrap(head, 5, 4).getInt() & 0x7fffffff;
          byte[] payload = in.readNBytes(length);
          if (payload.length < length) {
            return;
          }
          onFrame(type, flags, id, payload);
        }
      } finally {
        closed = true;
        streams.values().forEach(s -> s.reset = true);
        synchronized (windowLock) {
          windowLock.notifyAll();
        }
      }
    }

    private void onFrame(int type, int flags, int id, byte[] payload) throws IOException {
      switch (type) {
        case DATA -> {
          Stream s = streams.get(id);
          byte[] data = unpad(flags, payload, 0);
          if (s != null) {
            s.body.writeBytes(data);
          }
          if (payload.length > 0) { // what was received may be sent again
            windowUpdate(0, payload.length);
            if ((flags & END_STREAM) == 0) {
              windowUpdate(id, payload.length);
            }
          }
          if (s != null && (flags & END_STREAM) != 0) {
            dispatch(s);
          }
        }
        case HEADERS -> {
          Stream s = streams.computeIfAbsent(id, Stream::new);
          int skip = (flags & PRIORITY) != 0 ? 5 : 0;
          s.block.writeBytes(unpad(flags, payload, skip));
          s.endAfterHeaders = (flags & END_STREAM) != 0;
          if ((flags & END_HEADERS) != 0) {
            headersDone(s);
          }
        }
        case CONTINUATION -> {
          Stream s = streams.get(id);
          if (s != null) {
            s.block.writeBytes(payload);
            if ((flags & END_HEADERS) != 0) {
              headersDone(s);
            }
          }
        }
        case RST_STREAM -> {
          Stream s = streams.remove(id);
          if (s != null) {
            s.reset = true;
          }
        }
        case SETTINGS -> {
          if ((flags & ACK) == 0) {
            settings(payload);
            frame(SETTINGS, ACK, 0, new byte[0]);
          }
        }
        case PING -> {
          if ((flags & ACK) == 0) {
            frame(PING, ACK, 0, payload);
          }
        }
        case GOAWAY -> closed = true;
        case WINDOW_UPDATE -> {
          int increment = ByteBuffer.wrap(payload).getInt() & 0x7fffffff;
          synchronized (windowLock) {
            if (id == 0) {
              connectionWindow += increment;
            } else {
              Stream s = streams.get(id);
              if (s != null) {
                s.window += increment;
              }
            }
            windowLock.notifyAll();
          }
        }
        default -> {} // PRIORITY, PUSH_PROMISE (never from a client), extensions
      }
    }

    private void headersDone(Stream s) throws IOException {
      try {
        Http2Headers decoded =
            decoder.decodeHeaders(s.id, Unpooled.wrappedBuffer(s.block.toByteArray()));
        s.block.reset();
        if (s.headers == null) {
          s.headers = decoded; // trailers, if any, are dropped
        }
      } catch (Http2Exception e) {
        frame(GOAWAY, 0, 0, ByteBuffer.allocate(8).putInt(s.id).putInt(0x9).array());
        closed = true;
        return;
      }
      if (s.endAfterHeaders) {
        dispatch(s);
      }
    }

    private void settings(byte[] p) {
      synchronized (windowLock) {
        for (int i = 0; i + 6 <= p.length; i += 6) {
          int key = ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
          int value = ByteBuffer.wrap(p, i + 2, 4).getInt();
          if (key == 0x4) { // INITIAL_WINDOW_SIZE: applies to every open stream
            int delta = value - initialWindow;
            initialWindow = value;
            streams.values().forEach(s -> s.window += delta);
          } else if (key == 0x5) { // MAX_FRAME_SIZE
            maxFrame = value;
          }
        }
        windowLock.notifyAll();
      }
    }

    private void dispatch(Stream s) {
      threads.submit(
          () -> {
            try {
              forward(s);
            } catch (IOException | RuntimeException e) {
              if (!closed) {
                try {
                  frame(RST_STREAM, 0, s.id, ByteBuffer.allocate(4).putInt(0x2).array());
                } catch (IOException ignored) {
                  // the connection is gone
                }
              }
            } finally {
              streams.remove(s.id);
            }
          });
    }

    /** The stream as one HTTP/1.1 request to the server, and its response back as frames. */
    private void forward(Stream s) throws IOException {
      Http2Headers h = s.headers;
      byte[] body = s.body.toByteArray();
      StringBuilder req = new StringBuilder();
      req.append(h.method()).append(' ').append(h.path()).append(" HTTP/1.1\r\n");
      req.append("Host: ")
          .append(h.authority() == null ? "localhost" : h.authority())
          .append("\r\n");
      h.forEach(
          e -> {
            String name = e.getKey().toString();
            if (!name.startsWith(":") && !HOP.contains(name)) {
              req.append(name).append(": ").append(e.getValue()).append("\r\n");
            }
          });
      if (body.length > 0 || !"GET".contentEquals(h.method())) {
        req.append("Content-Length: ").append(body.length).append("\r\n");
      }
      req.append("Connection: close\r\n\r\n");
      try (Socket server = new Socket(backend.getAddress(), backend.getPort())) {
        OutputStream toServer = server.getOutputStream();
        toServer.write(req.toString().getBytes(StandardCharsets.UTF_8));
        toServer.write(body);
        toServer.flush();
        InputStream fromServer = new BufferedInputStream(server.getInputStream());
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!endsWithBlankLine(head)) {
          int b = fromServer.read();
          if (b < 0) {
            throw new IOException("the server closed before its response headers");
          }
          head.write(b);
        }
        Map<String, String> r = parseHead(head.toString(StandardCharsets.ISO_8859_1));
        Http2Headers response = new DefaultHttp2Headers().status(r.get(":line").split(" ")[1]);
        r.forEach(
            (k, v) -> {
              if (!k.startsWith(":") && !HOP.contains(k)) {
                response.add(k, v);
              }
            });
        boolean chunked = r.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked");
        long length = chunked ? -1 : Long.parseLong(r.getOrDefault("content-length", "-1"));
        if (length >= 0) {
          response.set("content-length", String.valueOf(length));
        }
        boolean empty = length == 0 || "HEAD".contentEquals(h.method());
        sendHeaders(s.id, response, empty);
        if (empty) {
          return;
        }
        if (chunked) {
          chunks(s, fromServer);
        } else if (length > 0) {
          byte[] buf = fromServer.readNBytes((int) length);
          if (buf.length < length) {
            throw new IOException("the server cut the response short");
          }
          data(s, buf, buf.length, false);
        } else {
          byte[] buf = new byte[8192];
          for (int n; (n = fromServer.read(buf)) > 0; ) {
            data(s, buf, n, false);
          }
        }
        data(s, new byte[0], 0, true);
      }
    }

    /** A chunked body, each chunk sent on as soon as it is read; a cut one throws. */
    private void chunks(Stream s, InputStream from) throws IOException {
      while (true) {
        String size = line(from);
        int n = Integer.parseInt(size.split(";")[0].strip(), 16);
        if (n == 0) {
          line(from); // the last CRLF (no trailers are sent)
          return;
        }
        byte[] chunk = from.readNBytes(n);
        if (chunk.length < n) {
          throw new IOException("the server cut the stream mid-chunk");
        }
        data(s, chunk, n, false);
        line(from);
      }
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int c; (c = in.read()) != '\n'; ) {
        if (c < 0) {
          throw new IOException("the server cut the stream");
        }
        if (c != '\r') {
          b.write(c);
        }
      }
      return b.toString(StandardCharsets.US_ASCII);
    }

    private void sendHeaders(int id, Http2Headers h, boolean endStream) throws IOException {
      synchronized (writeLock) {
        ByteBuf buf = Unpooled.buffer();
        try {
          encoder.encodeHeaders(id, h, buf);
        } catch (Http2Exception e) {
          throw new IOException(e);
        }
        byte[] block = new byte[buf.readableBytes()];
        buf.readBytes(block);
        int at = 0;
        boolean first = true;
        do {
          int n = Math.min(maxFrame, block.length - at);
          boolean last = at + n == block.length;
          int flags = (last ? END_HEADERS : 0) | (first && endStream ? END_STREAM : 0);
          writeFrame(
              first ? HEADERS : CONTINUATION, flags, id, Arrays.copyOfRange(block, at, at + n));
          at += n;
          first = false;
        } while (at < block.length);
      }
    }

    /** Sends {@code n} bytes as DATA frames within the peer's flow-control windows. */
    private void data(Stream s, byte[] bytes, int n, boolean end) throws IOException {
      int at = 0;
      do {
        int take;
        synchronized (windowLock) {
          while (n - at > 0 && (connectionWindow <= 0 || s.window <= 0) && !s.reset && !closed) {
            try {
              windowLock.wait(1000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IOException("interrupted");
            }
          }
          if (s.reset || closed) {
            throw new IOException("stream " + s.id + " was reset");
          }
          take = Math.min(n - at, Math.min(maxFrame, Math.min(connectionWindow, s.window)));
          connectionWindow -= take;
          s.window -= take;
        }
        boolean last = end && at + take == n;
        frame(DATA, last ? END_STREAM : 0, s.id, Arrays.copyOfRange(bytes, at, at + take));
        at += take;
      } while (at < n);
    }

    private void windowUpdate(int id, int increment) throws IOException {
      frame(WINDOW_UPDATE, 0, id, ByteBuffer.allocate(4).putInt(increment).array());
    }

    private void frame(int type, int flags, int id, byte[] payload) throws IOException {
      synchronized (writeLock) {
        writeFrame(type, flags, id, payload);
      }
    }

    private void writeFrame(int type, int flags, int id, byte[] payload) throws IOException {
      ByteBuffer head = ByteBuffer.allocate(9);
      head.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8));
      head.put((byte) payload.length).put((byte) type).put((byte) flags).putInt(id);
      out.write(head.array());
      out.write(payload);
      out.flush();
    }

    private static byte[] unpad(int flags, byte[] payload, int skip) {
      int pad = (flags & PADDED) != 0 ? payload[0] & 0xff : 0;
      int from = ((flags & PADDED) != 0 ? 1 : 0) + skip;
      return Arrays.copyOfRange(payload, from, payload.length - pad);
    }

    private Http2Headers fromHttp1(Map<String, String> h1) {
      String[] line = h1.get(":line").split(" ");
      Http2Headers h =
          new DefaultHttp2Headers()
              .method(line[0])
              .path(line[1])
              .scheme("http")
              .authority(h1.getOrDefault("host", "localhost"));
      h1.forEach(
          (k, v) -> {
            if (!k.startsWith(":") && !HOP.contains(k)) {
              h.add(k, v);
            }
          });
      return h;
    }
  }
}
