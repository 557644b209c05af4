package io.eventca.crl;

import io.eventca.custody.KekWrappedCustody;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A self-signed CA made in the test, as issuer-worker would make it, and the events that record it. */
public record TestCa(CaId caId, KeyPair keyPair, X509Certificate certificate, String certificatePem) {
  /** The KEK the services use under the test profile. */
  public static final String TEST_KEK = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  public static TestCa rsa() {
    return create(KeyAlgorithm.RSA);
  }

  public static TestCa ec() {
    return create(KeyAlgorithm.EC);
  }

  private static TestCa create(KeyAlgorithm algorithm) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.name());
      if (algorithm == KeyAlgorithm.EC) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(2048);
      }
      KeyPair keyPair = generator.generateKeyPair();
      CaId caId = CaId.random();
      X500Name name = new X500Name("CN=Test CA " + caId.value().substring(0, 8) + ",O=eventca tests");
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      var builder =
          new JcaX509v3CertificateBuilder(
                  name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)), Date.from(now.plus(365, ChronoUnit.DAYS)),
                  name, keyPair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keyPair.getPublic()));
      String signature = algorithm == KeyAlgorithm.EC ? "SHA256withECDSA" : "SHA256withRSA";
      X509Certificate cert =
          new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(keyPair.getPrivate())));
      StringWriter pem = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
        writer.writeObject(cert);
      }
      return new TestCa(caId, keyPair, cert, pem.toString());
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a test CA", e);
    }
  }

  public CaCreated created() {
    return new CaCreated(
        caId, certificate.getSubjectX500Principal().getName(), SerialNumber.of(certificate.getSerialNumber()),
        certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
        KeyAlgorithm.valueOf(keyPair.getPublic().getAlgorithm()), 2048, "sha256", certificatePem);
  }

  /** The key wrapped as issuer-worker stores it, under the test KEK. */
  public CaKeyStored keyStored() {
    return KekWrappedCustody.fromBase64("kek-1", TEST_KEK).store(caId, keyPair);
  }
}
