package io.stratum.app.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The log layouts the product ships ({@code logback.xml}'s {@code text} and {@code json}
 * appenders), to print captured events exactly as a server would, and a capture of what the running
 * code logs.
 */
public final class LogLayouts {
  private LogLayouts() {}

  /** The encoder of {@code logback.xml} with {@code STRATUM_LOG_FORMAT=format}. */
  public static Encoder<ILoggingEvent> encoder(String format) {
    LoggerContext context = new LoggerContext();
    context.putProperty("STRATUM_LOG_FORMAT", format);
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(context);
    try {
      joran.doConfigure(LogLayouts.class.getResource("/logback.xml"));
    } catch (JoranException e) {
      throw new IllegalStateException("logback.xml does not configure", e);
    }
    OutputStreamAppender<ILoggingEvent> appender =
        (OutputStreamAppender<ILoggingEvent>)
            context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(format);
    return appender.getEncoder();
  }

  /** {@code event} as {@code encoder} prints it. */
  public static String print(Encoder<ILoggingEvent> encoder, ILoggingEvent event) {
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }

  /** Every event logged from now on, by any logger, until {@link Capture#close}. */
  public static Capture capture() {
    return new Capture();
  }

  /** Events captured at the root logger of the running logging context. */
  public static final class Capture implements AutoCloseable {
    private final Logger root =
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> list = new ListAppender<>();

    private Capture() {
      list.setContext(root.getLoggerContext());
      list.start();
      root.addAppender(list);
    }

    public List<ILoggingEvent> events() {
      synchronized (list.list) {
        return List.copyOf(list.list);
      }
    }

    @Override
    public void close() {
      root.detachAppender(list);
      list.stop();
    }
  }
}
