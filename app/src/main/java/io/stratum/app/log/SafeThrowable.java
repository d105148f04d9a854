package io.stratum.app.log;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %safeEx}: the stack trace, with every line after the first indented. An exception's
 * message may carry a request value with line breaks in it; indented, such a line can never pass
 * for a record of its own (records start with their time at column 0). Each line is escaped and
 * bounded like a message, and the whole trace is bounded too.
 */
public final class SafeThrowable extends ThrowableProxyConverter {
  /** Enough for a deep trace with its causes; a message of megabytes is cut. */
  static final int MAX_TRACE = 64 * 1024;

  @Override
  public String convert(ILoggingEvent event) {
    String trace = super.convert(event);
    if (trace.isEmpty()) {
      return trace;
    }
    StringBuilder out = new StringBuilder();
    String[] lines = trace.split("\r\n|\r|\n|\u2028|\u2029|\u0085", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() && i == lines.length - 1) {
        break; // the trace's own last line break
      }
      if (out.length() >= MAX_TRACE) {
        out.append("\t…[+").append(lines.length - i).append(" lines]\n");
        break;
      }
      String body = line.stripLeading();
      String lead = line.substring(0, line.length() - body.length());
      out.append(i > 0 && lead.isEmpty() ? "\t" : lead)
          .append(LogSafe.escape(body, LogSafe.MAX_MESSAGE))
          .append('\n');
    }
    return out.toString();
  }
}
