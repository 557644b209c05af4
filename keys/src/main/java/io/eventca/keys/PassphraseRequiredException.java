package io.eventca.keys;

/** The input is encrypted and no passphrase was given: the command line catches this one to ask for it. */
final class PassphraseRequiredException extends KeyFormatException {
  private static final long serialVersionUID = 1L;

  PassphraseRequiredException(String message) {
    super(message);
  }
}
