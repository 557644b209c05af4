package io.eventca.keys;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Shared fixtures: keys generated once per test JVM (RSA generation is the slow part of this suite) and a throw-away
 * CA that issues leaf certificates from the keys' own CSRs, the way the real CA will.
 */
final class TestKeys {
  static final String PASS = "correct horse battery staple";
  static final String WRONG = "Tr0ub4dor&3";

  private static KeyMaterial rsa;
  private static KeyMaterial ec256;
  private static KeyMaterial ec384;
  private static KeyPair caKey;
  private static String caPem;
  private static final AtomicLong SERIAL = new AtomicLong(2);

  private TestKeys() {}

  static synchronized KeyMaterial rsa2048() {
    if (rsa == null) {
      rsa = KeyMaterial.generate("RSA", 2048);
    }
    return rsa;
  }

  static synchronized KeyMaterial ec256() {
    if (ec256 == null) {
      ec256 = KeyMaterial.generate("EC", 256);
    }
    return ec256;
  }

  static synchronized KeyMaterial ec384() {
    if (ec384 == null) {
      ec384 = KeyMaterial.generate("EC", 384);
    }
    return ec384;
  }

  static KeyMaterial named(String name) {
    return switch (name) {
      case "rsa2048" -> rsa2048();
      case "ec256" -> ec256();
      case "ec384" -> ec384();
      default -> throw new IllegalArgumentException(name);
    };
  }

  static char[] pass() {
    return PASS.toCharArray();
  }

  static synchronized String caPem() {
    if (caPem == null) {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        caKey = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Throw-away Test CA");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
            Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name, caKey.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        caPem = pem(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return caPem;
  }

  /** A leaf certificate for key, issued by the test CA from key's own CSR. */
  static synchronized String leafPem(KeyMaterial key, String commonName) {
    caPem();
    try {
      PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der(key.csrPem(commonName)));
      Instant now = Instant.now();
      X509v3CertificateBuilder builder = new X509v3CertificateBuilder(new X500Name("CN=Throw-away Test CA"),
          BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(now.minus(1, ChronoUnit.HOURS)),
          Date.from(now.plus(1, ChronoUnit.DAYS)), csr.getSubject(), csr.getSubjectPublicKeyInfo())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      return pem(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> chain(KeyMaterial key, String commonName) {
    return List.of(leafPem(key, commonName), caPem());
  }

  /** The key's public key as DER SubjectPublicKeyInfo, taken from its CSR (the public API exposes no PublicKey). */
  static byte[] publicKeyDer(KeyMaterial key) {
    try {
      return new PKCS10CertificationRequest(der(key.csrPem("x"))).getSubjectPublicKeyInfo().getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] der(String pem) {
    try (PemReader reader = new PemReader(new java.io.StringReader(pem))) {
      return reader.readPemObject().getContent();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base64 body of a PEM, for "never echo key bytes" checks. */
  static String base64Body(byte[] pem) {
    return Base64.getEncoder().encodeToString(der(Tools.text(pem)));
  }

  private static String pem(X509CertificateHolder certificate) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(certificate);
    }
    return out.toString();
  }
}
