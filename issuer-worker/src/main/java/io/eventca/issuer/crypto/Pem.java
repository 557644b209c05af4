package io.eventca.issuer.crypto;

import java.io.IOException;
import java.io.StringWriter;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM text of certificates (never of keys: this class takes only certificates on purpose). */
public final class Pem {
  private Pem() {}

  public static String of(X509CertificateHolder certificate) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(certificate);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a certificate as PEM", e);
    }
    return out.toString();
  }
}
