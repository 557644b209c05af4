package io.eventca.issuer.config;

import io.eventca.custody.KekWrappedCustody;
import java.util.Base64;

/** Turns the configured KEK into custody, failing start-up with a message that names the setting, never the value. */
public final class Kek {
  private static final String HOW = "set EVENTCA_CUSTODY_KEK to base64 of 32 random bytes (openssl rand -base64 32)";

  private Kek() {}

  public static KekWrappedCustody custody(String kekId, String base64Kek) {
    if (base64Kek == null || base64Kek.isBlank()) {
      throw new IllegalStateException("eventca.custody.kek is missing: " + HOW);
    }
    byte[] kek;
    try {
      kek = Base64.getDecoder().decode(base64Kek.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("eventca.custody.kek is not base64: " + HOW);
    }
    if (kek.length != 32) {
      throw new IllegalStateException(
          "eventca.custody.kek decodes to " + kek.length + " bytes, but AES-256 needs exactly 32: " + HOW);
    }
    return new KekWrappedCustody(kekId, kek);
  }
}
