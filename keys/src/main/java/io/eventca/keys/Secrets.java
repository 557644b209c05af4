package io.eventca.keys;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Best-effort wiping of the arrays this module creates for secrets. */
final class Secrets {
  private Secrets() {}

  static void wipe(char[] chars) {
    if (chars != null) {
      Arrays.fill(chars, '\0');
    }
  }

  static void wipe(byte[] bytes) {
    if (bytes != null) {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** A byte sink whose internal buffer can be wiped once the encoded key has been copied out. */
  static final class Buffer extends ByteArrayOutputStream {
    byte[] toByteArrayAndWipe() {
      byte[] copy = toByteArray();
      wipe(buf);
      return copy;
    }
  }
}
