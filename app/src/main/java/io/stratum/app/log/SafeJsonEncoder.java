package io.stratum.app.log;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Logback's JSON encoder with the message made safe like {@link SafeMessage}'s. JSON already
 * escapes line breaks, so this bounds what a request value adds to a line; the encoder reads the
 * formatted message (its arguments and raw message are configured off), so only that is replaced.
 */
public final class SafeJsonEncoder extends JsonEncoder {
  @Override
  public byte[] encode(ILoggingEvent event) {
    return super.encode(withSafeMessage(event));
  }

  private static ILoggingEvent withSafeMessage(ILoggingEvent event) {
    String message = SafeMessage.of(event);
    return (ILoggingEvent)
        Proxy.newProxyInstance(
            ILoggingEvent.class.getClassLoader(),
            new Class<?>[] {ILoggingEvent.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getFormattedMessage")) {
                return message;
              }
              try {
                return method.invoke(event, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
