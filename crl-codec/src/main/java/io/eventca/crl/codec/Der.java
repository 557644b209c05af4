package io.eventca.crl.codec;

import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** The few DER primitives the encoders write by hand, so that no ASN.1 object is built per entry. */
final class Der {
  static final int SEQUENCE = 0x30;

  private Der() {}

  /** Size of a tag, its length octets and {@code contentLength} content octets. */
  static long tlvLength(long contentLength) {
    return 1 + lengthOfLength(contentLength) + contentLength;
  }

  static int lengthOfLength(long contentLength) {
    if (contentLength < 0x80) {
      return 1;
    }
    int octets = 0;
    for (long l = contentLength; l != 0; l >>>= 8) {
      octets++;
    }
    return 1 + octets;
  }

  /** Writes tag and length octets at {@code pos}; returns the position after them. */
  static int writeHeader(byte[] out, int pos, int tag, long contentLength) {
    out[pos++] = (byte) tag;
    if (contentLength < 0x80) {
      out[pos++] = (byte) contentLength;
      return pos;
    }
    int octets = lengthOfLength(contentLength) - 1;
    out[pos++] = (byte) (0x80 | octets);
    for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
      out[pos++] = (byte) (contentLength >>> shift);
    }
    return pos;
  }

  static byte[] header(int tag, long contentLength) {
    byte[] h = new byte[lengthOfLength(contentLength) + 1];
    writeHeader(h, 0, tag, contentLength);
    return h;
  }

  /** RFC 5280 4.1.2.5: UTCTime for 1950 to 2049, GeneralizedTime otherwise; whole seconds, always Z. */
  static int timeLength(Instant t) {
    int year = utc(t).getYear();
    return year >= 1950 && year <= 2049 ? 15 : 17;
  }

  static int writeTime(byte[] out, int pos, Instant t) {
    LocalDateTime d = utc(t);
    int year = d.getYear();
    if (year >= 1950 && year <= 2049) {
      out[pos++] = 0x17;
      out[pos++] = 13;
      pos = digits(out, pos, year % 100, 2);
    } else {
      pos = writeGeneralizedTimeHeader(out, pos);
      pos = digits(out, pos, year, 4);
    }
    return writeRest(out, pos, d);
  }

  static int writeGeneralizedTime(byte[] out, int pos, Instant t) {
    LocalDateTime d = utc(t);
    pos = writeGeneralizedTimeHeader(out, pos);
    pos = digits(out, pos, d.getYear(), 4);
    return writeRest(out, pos, d);
  }

  static byte[] time(Instant t) {
    byte[] b = new byte[timeLength(t)];
    writeTime(b, 0, t);
    return b;
  }

  private static int writeGeneralizedTimeHeader(byte[] out, int pos) {
    out[pos++] = 0x18;
    out[pos++] = 15;
    return pos;
  }

  private static int writeRest(byte[] out, int pos, LocalDateTime d) {
    pos = digits(out, pos, d.getMonthValue(), 2);
    pos = digits(out, pos, d.getDayOfMonth(), 2);
    pos = digits(out, pos, d.getHour(), 2);
    pos = digits(out, pos, d.getMinute(), 2);
    pos = digits(out, pos, d.getSecond(), 2);
    out[pos++] = 'Z';
    return pos;
  }

  private static int digits(byte[] out, int pos, int value, int count) {
    for (int i = count - 1; i >= 0; i--) {
      out[pos + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return pos + count;
  }

  private static LocalDateTime utc(Instant t) {
    // Sub-second parts are dropped (floor), as Bouncy Castle's Time(Date) does: a CRL says seconds.
    LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
    if (d.getYear() < 1 || d.getYear() > 9999) {
      throw new IllegalArgumentException("time outside years 1-9999: " + t);
    }
    return d;
  }

  /** Copies into a preallocated array; the encoder knows the exact size beforehand, so it never grows. */
  static final class ArraySink extends OutputStream {
    final byte[] buf;
    int pos;

    ArraySink(byte[] buf, int pos) {
      this.buf = buf;
      this.pos = pos;
    }

    @Override
    public void write(int b) {
      buf[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      System.arraycopy(b, off, buf, pos, len);
      pos += len;
    }
  }
}
