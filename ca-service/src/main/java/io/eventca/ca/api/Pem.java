package io.eventca.ca.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits concatenated PEM certificates (a chain) into one string per certificate. */
final class Pem {
  private static final Pattern CERTIFICATE =
      Pattern.compile("-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+-----END CERTIFICATE-----\\s*");

  private Pem() {}

  static List<String> split(String pems) {
    List<String> out = new ArrayList<>();
    Matcher m = CERTIFICATE.matcher(pems);
    while (m.find()) {
      out.add(m.group().strip() + "\n");
    }
    return out;
  }
}
