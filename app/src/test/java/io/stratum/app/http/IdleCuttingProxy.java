package io.stratum.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that closes a connection once no byte has crossed it, either way, for
 * {@code idle}: what an ALB with a 60 s idle timeout does to a silent stream.
 */
final class IdleCuttingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final Duration idle;
  final AtomicLong cuts = new AtomicLong();

  IdleCuttingProxy(int target, Duration idle) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.target = target;
    this.idle = idle;
    Thread.ofVirtual().start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        AtomicLong last = new AtomicLong(System.nanoTime());
        Thread.ofVirtual().start(() -> pump(client, upstream, last));
        Thread.ofVirtual().start(() -> pump(upstream, client, last));
        Thread.ofVirtual()
            .start(
                () -> {
                  while (!client.isClosed()) {
                    if (System.nanoTime() - last.get() > idle.toNanos()) {
                      cuts.incrementAndGet();
                      close(client);
                      close(upstream);
                      return;
                    }
                    sleep(50);
                  }
                });
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void pump(Socket from, Socket to, AtomicLong last) {
    byte[] buf = new byte[8192];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buf)) > 0; ) {
        last.set(System.nanoTime());
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      close(from);
      close(to);
    }
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
