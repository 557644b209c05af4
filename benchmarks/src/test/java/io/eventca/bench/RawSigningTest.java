package io.eventca.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RawSigningTest {
  @ParameterizedTest
  @CsvSource({"rsa, ec", "ec, rsa"})
  void signsCertificatesThatVerifyAndCarryTheIssuersExtensions(String caKey, String requesterKey) throws Exception {
    CsrPool pool = new CsrPool(requesterKey, 2);
    List<String> csrs = pool.csrs(2, "raw-test.bench.example");
    RawSigning raw = new RawSigning(caKey, csrs, "server", 100);

    RawSigning.Result result = raw.run(0.05, 0.2);
    assertThat(result.certificates()).isPositive();
    assertThat(result.caKey()).isEqualTo(caKey);

    X509CertificateHolder ca = raw.caCertificate();
    for (int i = 0; i < 2; i++) {
      X509CertificateHolder cert = raw.sign(i);
      assertThat(cert.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca))).isTrue();
      assertThat(cert.getIssuer()).isEqualTo(ca.getSubject());
      assertThat(cert.getSubject().toString()).isEqualTo("CN=r" + i + ".raw-test.bench.example");
      assertThat(BasicConstraints.fromExtensions(cert.getExtensions()).isCA()).isFalse();
      KeyUsage usage = KeyUsage.fromExtensions(cert.getExtensions());
      assertThat(usage.hasUsages(KeyUsage.digitalSignature)).isTrue();
      assertThat(usage.hasUsages(KeyUsage.keyEncipherment)).isEqualTo(requesterKey.equals("rsa"));
      ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(cert.getExtensions());
      assertThat(eku.hasKeyPurposeId(KeyPurposeId.id_kp_serverAuth)).isTrue();
      assertThat(eku.hasKeyPurposeId(KeyPurposeId.id_kp_clientAuth)).isTrue();
      GeneralNames sans = GeneralNames.fromExtensions(cert.getExtensions(), Extension.subjectAlternativeName);
      assertThat(sans.getNames()).containsExactly(new GeneralName(GeneralName.dNSName, "r" + i + ".raw-test.bench.example"));
      assertThat(cert.getExtension(Extension.subjectKeyIdentifier)).isNotNull();
      assertThat(cert.getExtension(Extension.authorityKeyIdentifier)).isNotNull();
      assertThat(cert.getExtension(Extension.cRLDistributionPoints)).isNotNull();
      assertThat(cert.getSerialNumber().bitLength()).isBetween(64, 127);
    }
  }
}
