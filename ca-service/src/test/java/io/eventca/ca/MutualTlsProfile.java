package io.eventca.ca;

import io.eventca.testkit.Csrs;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * ca-service with its HTTPS port on: a server certificate for localhost and, as the one trust anchor for client
 * certificates, a client CA whose key the test holds (in production an eventca CA that ./eventca-local creates).
 */
public class MutualTlsProfile implements QuarkusTestProfile {
  private static final SecureRandom RANDOM = new SecureRandom();
  static final Path DIR = Path.of("target/mtls");
  static final KeyPair CLIENT_CA_KEY = Csrs.ecP256();
  // Fixed, not random: Quarkus may load this class twice (profile and test), and both must name the same CA.
  static final String CLIENT_CA_ID = "5c1e7a00-c11e-4c0a-9000-00000000c11e";
  static final X509CertificateHolder CLIENT_CA = certificate("CN=Test Client CA", "CN=Test Client CA", CLIENT_CA_KEY, CLIENT_CA_KEY, true, null);

  @Override
  public Map<String, String> getConfigOverrides() {
    try {
      Files.createDirectories(DIR);
      KeyPair serverKey = Csrs.ecP256();
      X509CertificateHolder server = certificate("CN=Test Client CA", "CN=localhost", CLIENT_CA_KEY, serverKey, false, "localhost");
      Files.writeString(DIR.resolve("client-ca.pem"), Csrs.pem(CLIENT_CA));
      Files.writeString(DIR.resolve("server.pem"), Csrs.pem(server));
      Files.writeString(DIR.resolve("server-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(serverKey.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "quarkus.http.ssl.certificate.files", DIR.resolve("server.pem").toString(),
        "quarkus.http.ssl.certificate.key-files", DIR.resolve("server-key.pem").toString(),
        "quarkus.http.ssl.certificate.trust-store-file", DIR.resolve("client-ca.pem").toString(),
        "eventca.api.client-ca-id", CLIENT_CA_ID);
  }

  /** A certificate signed by {@code issuerKey}: a CA, a TLS server for {@code dnsName}, or a TLS client. */
  static X509CertificateHolder certificate(String issuer, String subject, KeyPair issuerKey, KeyPair subjectKey, boolean ca, String dnsName) {
    return certificate(issuer, new X500Name(subject), issuerKey, subjectKey, ca, dnsName);
  }

  static X509CertificateHolder certificate(String issuer, X500Name subject, KeyPair issuerKey, KeyPair subjectKey, boolean ca, String dnsName) {
    try {
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), new BigInteger(64, RANDOM).setBit(63),
          Date.from(now.minusSeconds(60)), Date.from(now.plus(30, ChronoUnit.DAYS)), subject, subjectKey.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (!ca) {
        builder.addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(dnsName == null ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth));
      }
      if (dnsName != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
      }
      return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
