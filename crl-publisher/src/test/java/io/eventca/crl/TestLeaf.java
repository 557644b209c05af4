package io.eventca.crl;

import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.SerialNumber;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** An end-entity certificate a {@link TestCa} signs, as issuer-worker would, and the CertificateIssued that records it. */
public record TestLeaf(TestCa ca, SerialNumber serial, X509Certificate certificate, String certificatePem) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public static TestLeaf issue(TestCa ca) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      BigInteger serial = new BigInteger(120, RANDOM).setBit(119);
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
      var builder = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minusSeconds(60)), Date.from(now.plus(30, ChronoUnit.DAYS)),
              new X500Name("CN=leaf-" + serial.toString(16) + ".example"), generator.generateKeyPair().getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
      String algorithm = ca.keyPair().getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      X509Certificate certificate = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(ca.keyPair().getPrivate())));
      StringWriter pem = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
        writer.writeObject(certificate);
      }
      return new TestLeaf(ca, SerialNumber.of(serial), certificate, pem.toString());
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a test leaf certificate", e);
    }
  }

  public CertificateIssued issued() {
    return new CertificateIssued(ca.caId(), RequestId.random(), serial, certificate.getSubjectX500Principal().getName(), "server",
        certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), certificatePem);
  }

  /** The serial as {@code openssl ocsp -serial} takes it. */
  public String opensslSerial() {
    return "0x" + serial.hex();
  }
}
