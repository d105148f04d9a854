package io.stratum.app.http;

/** The HTTP port is taken by another process. */
public final class PortInUseException extends RuntimeException {
  public PortInUseException(int port) {
    super(
        "port "
            + port
            + " is already in use; pass --port N or set STRATUM_PORT to serve on another port");
  }
}
