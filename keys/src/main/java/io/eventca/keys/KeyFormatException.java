package io.eventca.keys;

/**
 * A bad input: unreadable key, wrong passphrase, unsupported format or algorithm. Its message is safe to show to the
 * caller: it never contains key material or the passphrase.
 */
public class KeyFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public KeyFormatException(String message) {
    super(message);
  }

  public KeyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
