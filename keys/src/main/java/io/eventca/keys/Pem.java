package io.eventca.keys;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM text in and out: certificates and requests as strings, keys as wipeable bytes. */
final class Pem {
  private Pem() {}

  static String string(String type, byte[] der) {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Key PEM as bytes, never as a String (which could not be wiped). */
  static byte[] bytes(PemObjectGenerator generator) {
    Secrets.Buffer buffer = new Secrets.Buffer();
    try (PemWriter writer = new PemWriter(new OutputStreamWriter(buffer, StandardCharsets.US_ASCII))) {
      writer.writeObject(generator);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the key as PEM", e);
    }
    return buffer.toByteArrayAndWipe();
  }

  /** Every certificate in the strings, in order (a string may hold more than one, as chain files often do). */
  static List<X509CertificateHolder> certificates(List<String> pems) {
    List<X509CertificateHolder> certificates = new ArrayList<>();
    if (pems == null) {
      return certificates;
    }
    for (int i = 0; i < pems.size(); i++) {
      List<X509CertificateHolder> found = certificates(pems.get(i));
      if (found.isEmpty()) {
        throw new KeyFormatException("certificate " + (i + 1) + " of the chain is not a PEM certificate");
      }
      certificates.addAll(found);
    }
    return certificates;
  }

  static X509CertificateHolder certificate(String pem) {
    List<X509CertificateHolder> found = certificates(pem);
    if (found.isEmpty()) {
      throw new KeyFormatException("not a PEM certificate");
    }
    return found.get(0);
  }

  private static List<X509CertificateHolder> certificates(String pem) {
    List<X509CertificateHolder> found = new ArrayList<>();
    if (pem == null) {
      return found;
    }
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (!(o instanceof X509CertificateHolder certificate)) {
          throw new KeyFormatException("expected PEM certificates only");
        }
        found.add(certificate);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof KeyFormatException kfe) {
        throw kfe;
      }
      throw new KeyFormatException("unreadable PEM certificate", e);
    }
    return found;
  }
}
