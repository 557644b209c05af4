package io.eventca.tokens;

/** A mistake of the caller (bad argument, missing or wrong key file): its message is meant for them. */
public class TokenException extends RuntimeException {
  public TokenException(String message) {
    super(message);
  }
}
