package io.eventca.crl.sign;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** CRLs as PEM ({@code X509 CRL} blocks), the form that travels in events and on the .pem endpoint. */
public final class Pem {
  private static final String BEGIN = "-----BEGIN X509 CRL-----";
  private static final String END = "-----END X509 CRL-----";

  private Pem() {}

  public static String ofCrl(byte[] der) {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return BEGIN + "\n" + b64 + "\n" + END + "\n";
  }

  /** The DER inside a {@code X509 CRL} PEM block. */
  public static byte[] derOfCrl(String pem) {
    return Base64.getMimeDecoder().decode(pem.replace(BEGIN, "").replace(END, ""));
  }

  /** How long {@link #ofCrl} of {@code derLength} bytes is, without encoding it: the size check for events. */
  public static long pemLength(long derLength) {
    long b64 = (derLength + 2) / 3 * 4;
    long lines = (b64 + 63) / 64;
    return BEGIN.length() + 1 + b64 + lines - 1 + 1 + END.length() + 1;
  }
}
