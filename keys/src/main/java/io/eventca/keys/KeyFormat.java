package io.eventca.keys;

import java.util.Locale;

/** The convert_priv_key.sh formats. */
public enum KeyFormat {
  /** PEM "PRIVATE KEY" / "ENCRYPTED PRIVATE KEY" (PKCS#8; encrypted = PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC). */
  PKCS8("pem", "application/x-pem-file"),
  /**
   * OpenSSL "traditional" PEM: "RSA PRIVATE KEY" (PKCS#1) or "EC PRIVATE KEY" (SEC1), encrypted with the
   * Proc-Type/DEK-Info header as {@code openssl rsa -aes256} writes it. That scheme derives the AES key with a single
   * MD5 round (EVP_BytesToKey), so it resists guessing far worse than PKCS8: it exists for old clients only.
   */
  RSA("pem", "application/x-pem-file"),
  /** PKCS#12 with key, certificate and chain; PBES2 AES-256-CBC and an HMAC-SHA256 MAC, so OpenSSL 3 needs no -legacy. */
  PFX("pfx", "application/x-pkcs12");

  private static final String ACCEPTED = "pkcs8, rsa, pfx or pkcs12";

  private final String extension;
  private final String mediaType;

  KeyFormat(String extension, String mediaType) {
    this.extension = extension;
    this.mediaType = mediaType;
  }

  /** Parses "pkcs8", "rsa", "pfx" and "pkcs12" (alias of pfx), case-insensitive. */
  public static KeyFormat of(String name) {
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "pkcs8" -> PKCS8;
      case "rsa" -> RSA;
      case "pfx", "pkcs12" -> PFX;
      default -> throw new KeyFormatException("unknown key format" + quoted(name) + ": use " + ACCEPTED);
    };
  }

  /** File extension for downloads: "pem" for PKCS8 and RSA, "pfx" for PFX. */
  public String extension() {
    return extension;
  }

  /** Media type: "application/x-pem-file" or "application/x-pkcs12". */
  public String mediaType() {
    return mediaType;
  }

  // The name comes from a caller and goes back into a message: echo it only when it is short and printable.
  private static String quoted(String name) {
    if (name == null || name.isEmpty() || name.length() > 20 || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return "";
    }
    return " '" + name + "'";
  }
}
