package io.eventca.crl.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An independent parser: the JDK's CertificateFactory, for RSA and EC CAs. */
class CrlParsesWithJdkTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:15:30Z");

  private static TestCa ca(String type) {
    return type.equals("rsa") ? TestCa.rsa() : TestCa.ec();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa", "ec"})
  void fullCrlVerifiesAndCarriesEveryEntry(String type) throws Exception {
    TestCa ca = ca(type);
    List<Revocation> rs = Revocation.random(500, 21, NOW);
    CrlEntries entries = new CrlEntries();
    rs.forEach(r -> r.addTo(entries));
    byte[] der = CrlEncoder.encode(
        new CrlEncoder.Header(ca.name(), ca.keyId(), 77, null, NOW, NOW.plusSeconds(3600), List.of()),
        entries, ca.signer());

    X509CRL crl = ca.parseAndVerify(der);
    assertThat(crl.getVersion()).isEqualTo(2);
    assertThat(crl.getSigAlgName()).isEqualToIgnoringCase(ca.signatureAlgorithm());
    assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
    assertThat(crl.getThisUpdate()).isEqualTo(Date.from(NOW));
    assertThat(crl.getNextUpdate()).isEqualTo(Date.from(NOW.plusSeconds(3600)));
    assertThat(crlNumber(crl, Extension.cRLNumber.getId())).isEqualTo(77);
    assertThat(crl.getCriticalExtensionOIDs()).isEmpty();

    Map<BigInteger, X509CRLEntry> bySerial = new HashMap<>();
    crl.getRevokedCertificates().forEach(e -> bySerial.put(e.getSerialNumber(), e));
    assertThat(bySerial).hasSize(rs.size());
    for (Revocation r : rs) {
      X509CRLEntry e = bySerial.get(r.serial());
      assertThat(e.getRevocationDate()).isEqualTo(Date.from(r.revokedAt()));
      if (r.reason() == 0) {
        assertThat(e.getRevocationReason()).isNull();
      } else {
        assertThat(e.getRevocationReason()).isEqualTo(CRLReason.values()[r.reason()]);
      }
      assertThat(invalidityDate(e)).isEqualTo(r.invalidityDate());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa", "ec"})
  void deltaCrlCarriesACriticalIndicator(String type) throws Exception {
    TestCa ca = ca(type);
    CrlEntries entries = new CrlEntries();
    entries.add(BigInteger.valueOf(99), NOW, 1, null);
    byte[] der = CrlEncoder.encode(
        new CrlEncoder.Header(ca.name(), ca.keyId(), 31, 30L, NOW, NOW.plusSeconds(600), List.of()),
        entries, ca.signer());

    X509CRL crl = ca.parseAndVerify(der);
    assertThat(crl.getCriticalExtensionOIDs()).containsExactly(Extension.deltaCRLIndicator.getId());
    assertThat(crlNumber(crl, Extension.deltaCRLIndicator.getId())).isEqualTo(30);
    assertThat(crlNumber(crl, Extension.cRLNumber.getId())).isEqualTo(31);
    assertThat(crl.getRevokedCertificates()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa", "ec"})
  void emptyCrlHasNoRevokedCertificates(String type) throws Exception {
    TestCa ca = ca(type);
    byte[] der = CrlEncoder.encode(
        new CrlEncoder.Header(ca.name(), ca.keyId(), 1, null, NOW, NOW.plusSeconds(600), List.of()),
        new CrlEntries(), ca.signer());
    assertThat(ca.parseAndVerify(der).getRevokedCertificates()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ec"})
  void subSecondTimesAreTruncatedToSeconds(String type) throws Exception {
    TestCa ca = ca(type);
    CrlEntries entries = new CrlEntries();
    entries.add(BigInteger.ONE, NOW.plusMillis(999), 0, NOW.minusMillis(1));
    byte[] der = CrlEncoder.encode(new CrlEncoder.Header(ca.name(), ca.keyId(), 1, null, NOW.plusMillis(500),
        NOW.plusSeconds(600), List.of()), entries, ca.signer());
    X509CRL crl = ca.parseAndVerify(der);
    X509CRLEntry e = crl.getRevokedCertificates().iterator().next();
    assertThat(crl.getThisUpdate()).isEqualTo(Date.from(NOW));
    assertThat(e.getRevocationDate()).isEqualTo(Date.from(NOW));
    assertThat(invalidityDate(e)).isEqualTo(NOW.minusSeconds(1));
  }

  private static long crlNumber(X509CRL crl, String oid) {
    ASN1OctetString value = ASN1OctetString.getInstance(crl.getExtensionValue(oid));
    return ASN1Integer.getInstance(value.getOctets()).getValue().longValueExact();
  }

  private static Instant invalidityDate(X509CRLEntry e) throws Exception {
    byte[] ext = e.getExtensionValue(Extension.invalidityDate.getId());
    if (ext == null) {
      return null;
    }
    ASN1Primitive time = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets());
    return ASN1GeneralizedTime.getInstance(time).getDate().toInstant();
  }
}
