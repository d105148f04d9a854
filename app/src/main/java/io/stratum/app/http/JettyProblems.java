package io.stratum.app.http;

import io.stratum.app.api.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before or around any route (a request line it cannot parse, a
 * URI or headers too large, an ambiguous path, a NUL in a header, an error the MCP servlet sends),
 * as RFC 9457 problems rather than Jetty's HTML pages: a client reads one error format from every
 * status. The detail names the part of the request at fault.
 */
final class JettyProblems {
  private JettyProblems() {}

  /** For the server: requests refused while they are parsed, before any context sees them. */
  static final class ServerErrors extends ErrorHandler {
    @Override
    public boolean errorPageForMethod(String method) {
      return true; // Jetty writes a body only for GET and POST by default
    }

    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback) {
      writeProblem(response, code, detail(request, code, message, cause), callback);
    }
  }

  /**
   * For the servlet context Javalin and the MCP servlet run in ({@code sendError} and the like).
   */
  static final class ContextErrors extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }

    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback) {
      writeProblem(response, code, detail(request, code, message, cause), callback);
      // as Jetty's own servlet error page does once it has written: the servlet channel completes
      Request.as(request, ServletContextRequest.class)
          .getServletChannel()
          .sendErrorResponseAndComplete();
    }
  }

  /**
   * Names the part at fault and says what Jetty found there; a 5xx message may be an exception's
   * text, so there the status's own words say enough.
   */
  private static String detail(Request request, int code, String message, Throwable cause) {
    if (code >= 500 || message == null) {
      return part(code) + ": " + HttpStatus.getMessage(code);
    }
    boolean uri =
        code == 400 && request.getHttpURI() != null && request.getHttpURI().hasViolations();
    // the parser's "Bad Request" says nothing; what it tripped on does
    Throwable root = cause;
    while (root != null && root.getCause() != null) {
      root = root.getCause();
    }
    String why =
        root != null && root != cause && root.getMessage() != null
            ? " (" + root.getMessage() + ")"
            : "";
    return (uri ? "uri" : part(code)) + ": " + message + why;
  }

  private static void writeProblem(Response response, int code, String detail, Callback callback) {
    Problem p = Problem.ofStatus(code, detail);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    response.write(
        true, ByteBuffer.wrap(HttpApi.write(p.body()).getBytes(StandardCharsets.UTF_8)), callback);
  }

  /** The part of the request a status Jetty sets is about. */
  static String part(int status) {
    return switch (status) {
      case 405 -> "method";
      case 413 -> "body";
      case 414 -> "uri";
      case 431 -> "headers";
      case 505 -> "version";
      default -> "request";
    };
  }
}
