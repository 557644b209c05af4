package io.eventca.ca.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * PKCS#12 trust stores (ca_cert.pfx) holding CA certificates only. The JDK's PKCS12 keystore writes
 * AES-256/PBKDF2 protection that OpenSSL 3 and keytool both open. A trust store holds public material; its
 * password only satisfies tools that insist on one.
 */
final class TrustStores {
  static final String PASSWORD = "changeit";

  private TrustStores() {}

  /** @param certificates alias → PEM certificate */
  static byte[] pkcs12(Map<String, String> certificates) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Map.Entry<String, String> entry : certificates.entrySet()) {
        X509Certificate certificate = (X509Certificate) factory.generateCertificate(
            new ByteArrayInputStream(entry.getValue().getBytes(StandardCharsets.US_ASCII)));
        store.setCertificateEntry(entry.getKey(), certificate);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, PASSWORD.toCharArray());
      return out.toByteArray();
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build the trust store", e);
    }
  }
}
