package io.stratum.app.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Arrays;
import org.slf4j.helpers.MessageFormatter;

/**
 * {@code %safeMsg}: the message with each argument made {@link LogSafe#value safe}, then the whole
 * escaped and bounded again, which catches values a caller concatenated into the text itself.
 */
public final class SafeMessage extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return of(event);
  }

  /** The event's message, safe for one line. */
  static String of(ILoggingEvent event) {
    Object[] args = event.getArgumentArray();
    String text;
    if (args == null || args.length == 0) {
      text = event.getFormattedMessage();
    } else {
      Object[] safe = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        safe[i] = LogSafe.value(args[i] instanceof Object[] a ? Arrays.deepToString(a) : args[i]);
      }
      text = MessageFormatter.arrayFormat(event.getMessage(), safe).getMessage();
    }
    return LogSafe.escape(String.valueOf(text), LogSafe.MAX_MESSAGE);
  }
}
