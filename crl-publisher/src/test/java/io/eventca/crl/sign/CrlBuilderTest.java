package io.eventca.crl.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.crl.TestCa;
import io.eventca.crl.sign.CrlBuilder.CrlContent;
import io.eventca.events.RevocationReason;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.ids.SerialNumber;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.SignatureException;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;

class CrlBuilderTest {
  private static final Instant THIS_UPDATE = Instant.parse("2026-11-22T10:00:00Z");
  private static final Instant NEXT_UPDATE = Instant.parse("2026-11-23T10:00:00Z");

  private final TestCa ca = TestCa.rsa();

  @Test
  void aCrlWithEntriesCarriesNumberAkiReasonsAndInvalidityDates() throws Exception {
    CertificateRevoked compromised = revoked("abc123", RevocationReason.keyCompromise, Instant.parse("2026-11-20T08:00:00Z"));
    CertificateRevoked plain = revoked("1f", RevocationReason.unspecified, null);

    X509CRL crl = parse(CrlBuilder.build(new CrlContent(ca.certificate(), 7, THIS_UPDATE, NEXT_UPDATE, List.of(compromised, plain)),
        ca.keyPair().getPrivate(), "sha256"));

    crl.verify(ca.keyPair().getPublic());
    assertThat(crl.getVersion()).isEqualTo(2);
    assertThat(crl.getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
    assertThat(crl.getThisUpdate()).isEqualTo(Date.from(THIS_UPDATE));
    assertThat(crl.getNextUpdate()).isEqualTo(Date.from(NEXT_UPDATE));
    assertThat(crlNumber(crl)).isEqualTo(BigInteger.valueOf(7));
    assertThat(akiKeyId(crl)).isEqualTo(skiOf(ca));

    X509CRLEntry first = crl.getRevokedCertificate(new BigInteger("abc123", 16));
    assertThat(first.getRevocationDate()).isEqualTo(Date.from(compromised.revokedAt()));
    assertThat(first.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
    assertThat(first.getExtensionValue(Extension.invalidityDate.getId())).isNotNull();

    X509CRLEntry second = crl.getRevokedCertificate(BigInteger.valueOf(0x1f));
    assertThat(second.getRevocationReason()).as("RFC 5280 5.3.1: no reasonCode for unspecified").isNull();
    assertThat(second.getExtensionValue(Extension.invalidityDate.getId())).isNull();
  }

  @Test
  void anEmptyCrlIsStillSignedAndNumbered() throws Exception {
    X509CRL crl = parse(CrlBuilder.build(new CrlContent(ca.certificate(), 1, THIS_UPDATE, NEXT_UPDATE, List.of()),
        ca.keyPair().getPrivate(), "sha256"));

    crl.verify(ca.keyPair().getPublic());
    assertThat(crl.getRevokedCertificates()).isNull();
    assertThat(crlNumber(crl)).isEqualTo(BigInteger.ONE);
  }

  @Test
  void anEcCaSignsWithEcdsaAndTheDigestItWasCreatedWith() throws Exception {
    TestCa ecCa = TestCa.ec();
    X509CRL crl = parse(CrlBuilder.build(new CrlContent(ecCa.certificate(), 3, THIS_UPDATE, NEXT_UPDATE,
        List.of(revoked("5", RevocationReason.superseded, null))), ecCa.keyPair().getPrivate(), "sha384"));

    crl.verify(ecCa.keyPair().getPublic());
    assertThat(crl.getSigAlgName()).isEqualTo("SHA384withECDSA");
    assertThat(crl.getRevokedCertificate(BigInteger.valueOf(5)).getRevocationReason()).isEqualTo(CRLReason.SUPERSEDED);
  }

  @Test
  void aCrlSignedByAnotherKeyDoesNotVerify() throws Exception {
    X509CRL crl = parse(CrlBuilder.build(new CrlContent(ca.certificate(), 1, THIS_UPDATE, NEXT_UPDATE, List.of()),
        TestCa.rsa().keyPair().getPrivate(), "sha256"));

    assertThatThrownBy(() -> crl.verify(ca.keyPair().getPublic())).isInstanceOf(SignatureException.class);
  }

  @Test
  void pemRoundTripsToTheSameDer() throws Exception {
    byte[] der = CrlBuilder.der(CrlBuilder.build(new CrlContent(ca.certificate(), 2, THIS_UPDATE, NEXT_UPDATE, List.of()),
        ca.keyPair().getPrivate(), "sha256"));
    String pem = CrlBuilder.pem(der);

    assertThat(pem).startsWith("-----BEGIN X509 CRL-----\n").endsWith("-----END X509 CRL-----\n");
    assertThat(CrlBuilder.derOfPem(pem)).isEqualTo(der);
  }

  private CertificateRevoked revoked(String serial, RevocationReason reason, Instant invalidity) {
    return new CertificateRevoked(ca.caId(), new SerialNumber(serial), reason, Instant.parse("2026-11-21T09:30:00Z"), invalidity, "test");
  }

  private static X509CRL parse(org.bouncycastle.cert.X509CRLHolder holder) throws Exception {
    return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(holder.getEncoded()));
  }

  private static BigInteger crlNumber(X509CRL crl) {
    byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
    return ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets()).getValue();
  }

  private static byte[] akiKeyId(X509CRL crl) {
    byte[] value = crl.getExtensionValue(Extension.authorityKeyIdentifier.getId());
    return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets()).getKeyIdentifier();
  }

  private static byte[] skiOf(TestCa ca) {
    byte[] value = ca.certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId());
    return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets()).getKeyIdentifier();
  }
}
