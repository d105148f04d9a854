package io.stratum.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The {@code application/vnd.amazon.eventstream} framing that ConverseStream speaks: each frame is
 * {@code total_length:u32 headers_length:u32 prelude_crc:u32 headers payload message_crc:u32},
 * big-endian, with CRC-32 over the prelude and over everything before the trailing CRC.
 *
 * <pre>{@code
 * byte[] bytes = EventStream.encode(EventStream.Frame.event("contentBlockDelta", json));
 * EventStream.Decoder d = new EventStream.Decoder();
 * List<Frame> frames = d.feed(bytes);
 * }</pre>
 */
public final class EventStream {
  /** Limits of the AWS codec ({@code software.amazon.eventstream.Prelude}). */
  public static final int MAX_HEADERS_BYTES = 128 * 1024;

  public static final int MAX_PAYLOAD_BYTES = 24 * 1024 * 1024;
  static final int PRELUDE_BYTES = 12;
  static final int OVERHEAD_BYTES = 16;

  private EventStream() {}

  /** A header value of one of the nine wire types. */
  public sealed interface Value {
    record Bool(boolean value) implements Value {}

    record Byte(byte value) implements Value {}

    record Short(short value) implements Value {}

    record Int(int value) implements Value {}

    record Long(long value) implements Value {}

    /** Bytes; equality is by content. */
    record Bytes(byte[] value) implements Value {
      @Override
      public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(value, b.value);
      }

      @Override
      public int hashCode() {
        return Arrays.hashCode(value);
      }

      @Override
      public String toString() {
        return "Bytes" + Arrays.toString(value);
      }
    }

    record Str(String value) implements Value {}

    record Timestamp(long epochMillis) implements Value {}

    record Uuid(UUID value) implements Value {}
  }

  /** One frame: ordered headers and a payload. */
  public record Frame(Map<String, Value> headers, byte[] payload) {
    public Frame {
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
      Objects.requireNonNull(payload, "payload");
    }

    /** A Bedrock event frame: {@code :event-type}, {@code :content-type}, {@code :message-type}. */
    public static Frame event(String eventType, String json) {
      Map<String, Value> h = new LinkedHashMap<>();
      h.put(":event-type", new Value.Str(eventType));
      h.put(":content-type", new Value.Str("application/json"));
      h.put(":message-type", new Value.Str("event"));
      return new Frame(h, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A modeled exception frame, e.g. {@code throttlingException}, payload {@code {"message"}}. */
    public static Frame exception(String exceptionType, String json) {
      Map<String, Value> h = new LinkedHashMap<>();
      h.put(":exception-type", new Value.Str(exceptionType));
      h.put(":content-type", new Value.Str("application/json"));
      h.put(":message-type", new Value.Str("exception"));
      return new Frame(h, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of a string header, or null. */
    public String header(String name) {
      return headers.get(name) instanceof Value.Str s ? s.value() : null;
    }

    public String payloadText() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Frame f && headers.equals(f.headers) && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
      return headers.hashCode() * 31 + Arrays.hashCode(payload);
    }
  }

  public static byte[] encode(Frame frame) {
    byte[] headers = encodeHeaders(frame.headers());
    if (headers.length > MAX_HEADERS_BYTES) {
      throw new EventStreamException(
          "headers take " + headers.length + " bytes; the limit is " + MAX_HEADERS_BYTES);
    }
    if (frame.payload().length > MAX_PAYLOAD_BYTES) {
      throw new EventStreamException(
          "payload is " + frame.payload().length + " bytes; the limit is " + MAX_PAYLOAD_BYTES);
    }
    int total = OVERHEAD_BYTES + headers.length + frame.payload().length;
    ByteBuffer buf = ByteBuffer.allocate(total);
    buf.putInt(total).putInt(headers.length);
    buf.putInt((int) crc(buf.array(), 0, 8));
    buf.put(headers).put(frame.payload());
    buf.putInt((int) crc(buf.array(), 0, total - 4));
    return buf.array();
  }

  private static byte[] encodeHeaders(Map<String, Value> headers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    headers.forEach(
        (name, value) -> {
          byte[] n = name.getBytes(StandardCharsets.UTF_8);
          if (n.length == 0 || n.length > 255) {
            throw new EventStreamException(
                "header name must be 1 to 255 bytes, got " + n.length + ": '" + name + "'");
          }
          out.write(n.length);
          out.writeBytes(n);
          ByteBuffer v =
              switch (value) {
                case Value.Bool b -> ByteBuffer.allocate(1).put((byte) (b.value() ? 0 : 1));
                case Value.Byte b -> ByteBuffer.allocate(2).put((byte) 2).put(b.value());
                case Value.Short s -> ByteBuffer.allocate(3).put((byte) 3).putShort(s.value());
                case Value.Int i -> ByteBuffer.allocate(5).put((byte) 4).putInt(i.value());
                case Value.Long l -> ByteBuffer.allocate(9).put((byte) 5).putLong(l.value());
                case Value.Bytes b -> lengthPrefixed((byte) 6, b.value(), name);
                case Value.Str s ->
                    lengthPrefixed((byte) 7, s.value().getBytes(StandardCharsets.UTF_8), name);
                case Value.Timestamp t ->
                    ByteBuffer.allocate(9).put((byte) 8).putLong(t.epochMillis());
                case Value.Uuid u ->
                    ByteBuffer.allocate(17)
                        .put((byte) 9)
                        .putLong(u.value().getMostSignificantBits())
                        .putLong(u.value().getLeastSignificantBits());
              };
          out.writeBytes(v.array());
        });
    return out.toByteArray();
  }

  private static ByteBuffer lengthPrefixed(byte type, byte[] value, String name) {
    if (value.length == 0) {
      // The AWS codec refuses empty strings and byte arrays; so do we.
      throw new EventStreamException(
          "header '" + name + "' has an empty value; values may not be empty");
    }
    if (value.length > 0xFFFF) {
      throw new EventStreamException(
          "header '" + name + "' value is " + value.length + " bytes; the limit is 65535");
    }
    return ByteBuffer.allocate(3 + value.length)
        .put(type)
        .putShort((short) value.length)
        .put(value);
  }

  static long crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return crc.getValue();
  }

  /**
   * Decodes frames from bytes as they arrive. Lengths are checked against the limits before any
   * buffer is sized from them, so a corrupt prelude fails at once instead of waiting or allocating.
   */
  public static final class Decoder {
    private byte[] buffer = new byte[0];
    private long offset; // bytes consumed so far, for error messages

    /** Adds bytes; returns every frame they complete. */
    public List<Frame> feed(byte[] bytes) {
      byte[] joined = new byte[buffer.length + bytes.length];
      System.arraycopy(buffer, 0, joined, 0, buffer.length);
      System.arraycopy(bytes, 0, joined, buffer.length, bytes.length);
      List<Frame> frames = new ArrayList<>();
      int pos = 0;
      while (joined.length - pos >= PRELUDE_BYTES) {
        ByteBuffer view = ByteBuffer.wrap(joined, pos, joined.length - pos);
        long total = Integer.toUnsignedLong(view.getInt(pos));
        long headersLength = Integer.toUnsignedLong(view.getInt(pos + 4));
        long preludeCrc = Integer.toUnsignedLong(view.getInt(pos + 8));
        long computed = crc(joined, pos, 8);
        if (computed != preludeCrc) {
          throw fail(
              "prelude CRC mismatch: the frame says 0x%08x, the bytes give 0x%08x"
                  .formatted(preludeCrc, computed));
        }
        if (headersLength > MAX_HEADERS_BYTES) {
          throw fail(
              "headers length " + headersLength + " exceeds the limit of " + MAX_HEADERS_BYTES);
        }
        long payloadLength = total - headersLength - OVERHEAD_BYTES;
        if (payloadLength < 0) {
          throw fail(
              "total length " + total + " is too small for " + headersLength + " header bytes");
        }
        if (payloadLength > MAX_PAYLOAD_BYTES) {
          throw fail(
              "payload length " + payloadLength + " exceeds the limit of " + MAX_PAYLOAD_BYTES);
        }
        if (joined.length - pos < total) {
          break; // the rest of this frame has not arrived yet
        }
        int end = (int) (pos + total);
        long messageCrc = Integer.toUnsignedLong(ByteBuffer.wrap(joined).getInt(end - 4));
        long computedMessage = crc(joined, pos, (int) total - 4);
        if (computedMessage != messageCrc) {
          throw fail(
              "message CRC mismatch: the frame says 0x%08x, the bytes give 0x%08x"
                  .formatted(messageCrc, computedMessage));
        }
        Map<String, Value> headers =
            decodeHeaders(joined, pos + PRELUDE_BYTES, (int) headersLength);
        byte[] payload = new byte[(int) payloadLength];
        System.arraycopy(
            joined, pos + PRELUDE_BYTES + (int) headersLength, payload, 0, payload.length);
        frames.add(new Frame(headers, payload));
        pos = end;
        offset += total;
      }
      buffer = Arrays.copyOfRange(joined, pos, joined.length);
      return frames;
    }

    /** Call at end of stream: fails if a frame was left incomplete. */
    public void finish() {
      if (buffer.length > 0) {
        String expected =
            buffer.length >= 4
                ? " of " + Integer.toUnsignedLong(ByteBuffer.wrap(buffer).getInt(0))
                : "";
        throw fail(
            "the stream ended inside a frame: " + buffer.length + expected + " bytes arrived");
      }
    }

    private EventStreamException fail(String message) {
      return new EventStreamException(message + " (frame at byte " + offset + ")");
    }

    private Map<String, Value> decodeHeaders(byte[] bytes, int start, int length) {
      Map<String, Value> headers = new LinkedHashMap<>();
      ByteBuffer b = ByteBuffer.wrap(bytes, start, length).slice();
      try {
        while (b.hasRemaining()) {
          int nameLength = Byte.toUnsignedInt(b.get());
          byte[] name = new byte[nameLength];
          b.get(name);
          int type = Byte.toUnsignedInt(b.get());
          Value value =
              switch (type) {
                case 0 -> new Value.Bool(true);
                case 1 -> new Value.Bool(false);
                case 2 -> new Value.Byte(b.get());
                case 3 -> new Value.Short(b.getShort());
                case 4 -> new Value.Int(b.getInt());
                case 5 -> new Value.Long(b.getLong());
                case 6 -> new Value.Bytes(bytes(b));
                case 7 -> new Value.Str(new String(bytes(b), StandardCharsets.UTF_8));
                case 8 -> new Value.Timestamp(b.getLong());
                case 9 -> new Value.Uuid(new UUID(b.getLong(), b.getLong()));
                default -> throw fail("unknown header value type " + type);
              };
          headers.put(new String(name, StandardCharsets.UTF_8), value);
        }
      } catch (BufferUnderflowException e) {
        throw fail("a header runs past the end of the " + length + "-byte header block");
      }
      return headers;
    }

    private static byte[] bytes(ByteBuffer b) {
      byte[] v = new byte[Short.toUnsignedInt(b.getShort())];
      b.get(v);
      return v;
    }
  }
}
