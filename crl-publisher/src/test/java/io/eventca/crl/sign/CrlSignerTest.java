package io.eventca.crl.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.crl.TestCa;
import io.eventca.crl.codec.CrlEntries;
import io.eventca.crl.state.CaCrlState.Draft;
import io.eventca.custody.SignatureAlgorithms;
import io.eventca.events.RevocationReason;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.SignatureException;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;

/** Given a draft, then the signed CRL as the JDK reads it: number, AKI, entries, and delta or freshest pointers. */
class CrlSignerTest {
  private static final Instant THIS_UPDATE = Instant.parse("2026-11-22T10:00:00Z");
  private static final Instant NEXT_UPDATE = Instant.parse("2026-11-23T10:00:00Z");
  private static final Instant REVOKED_AT = Instant.parse("2026-11-21T09:30:00Z");
  private static final String DELTA_URL = "http://crl.example/crls/x-delta.crl";

  private final TestCa ca = TestCa.rsa();

  @Test
  void aFullCrlCarriesNumberAkiReasonsInvalidityDatesAndTheFreshestPointer() throws Exception {
    CrlEntries entries = new CrlEntries();
    Instant invalid = Instant.parse("2026-11-20T08:00:00Z");
    entries.add(new BigInteger("abc123", 16), REVOKED_AT, RevocationReason.keyCompromise.code(), invalid);
    entries.add(BigInteger.valueOf(0x1f), REVOKED_AT, RevocationReason.unspecified.code(), null);

    X509CRL crl = parse(signer(ca).sign(new Draft(7, null, entries), THIS_UPDATE, NEXT_UPDATE, DELTA_URL));

    crl.verify(ca.keyPair().getPublic());
    assertThat(crl.getVersion()).isEqualTo(2);
    assertThat(crl.getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
    assertThat(crl.getThisUpdate()).isEqualTo(Date.from(THIS_UPDATE));
    assertThat(crl.getNextUpdate()).isEqualTo(Date.from(NEXT_UPDATE));
    assertThat(integer(crl, Extension.cRLNumber)).isEqualTo(BigInteger.valueOf(7));
    assertThat(crl.getCriticalExtensionOIDs()).as("a full CRL has no delta indicator").isNullOrEmpty();
    assertThat(akiKeyId(crl)).isEqualTo(skiOf(ca));
    assertThat(freshestUrl(crl)).isEqualTo(DELTA_URL);

    X509CRLEntry first = crl.getRevokedCertificate(new BigInteger("abc123", 16));
    assertThat(first.getRevocationDate()).isEqualTo(Date.from(REVOKED_AT));
    assertThat(first.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
    assertThat(first.getExtensionValue(Extension.invalidityDate.getId())).isNotNull();
    X509CRLEntry second = crl.getRevokedCertificate(BigInteger.valueOf(0x1f));
    assertThat(second.getRevocationReason()).as("RFC 5280 5.3.1: no reasonCode for unspecified").isNull();
    assertThat(second.getExtensionValue(Extension.invalidityDate.getId())).isNull();
  }

  @Test
  void aDeltaCrlNamesItsBaseInACriticalIndicatorAndNoFreshestPointer() throws Exception {
    CrlEntries entries = new CrlEntries();
    entries.add(BigInteger.TEN, REVOKED_AT, RevocationReason.superseded.code(), null);

    X509CRL crl = parse(signer(ca).sign(new Draft(9, 8L, entries), THIS_UPDATE, NEXT_UPDATE, DELTA_URL));

    crl.verify(ca.keyPair().getPublic());
    assertThat(crl.getCriticalExtensionOIDs()).containsExactly(Extension.deltaCRLIndicator.getId());
    assertThat(integer(crl, Extension.deltaCRLIndicator)).isEqualTo(BigInteger.valueOf(8));
    assertThat(integer(crl, Extension.cRLNumber)).isEqualTo(BigInteger.valueOf(9));
    assertThat(crl.getExtensionValue(Extension.freshestCRL.getId())).isNull();
    assertThat(crl.getRevokedCertificate(BigInteger.TEN).getRevocationReason()).isEqualTo(CRLReason.SUPERSEDED);
  }

  @Test
  void anEmptyCrlIsStillSignedAndNumbered() throws Exception {
    X509CRL crl = parse(signer(ca).sign(new Draft(1, null, new CrlEntries()), THIS_UPDATE, NEXT_UPDATE, null));

    crl.verify(ca.keyPair().getPublic());
    assertThat(crl.getRevokedCertificates()).isNull();
    assertThat(integer(crl, Extension.cRLNumber)).isEqualTo(BigInteger.ONE);
    assertThat(crl.getExtensionValue(Extension.freshestCRL.getId())).isNull();
  }

  @Test
  void anEcCaSignsWithEcdsaAndTheDigestItWasCreatedWith() throws Exception {
    TestCa ecCa = TestCa.ec();
    CrlEntries entries = new CrlEntries();
    entries.add(BigInteger.valueOf(5), REVOKED_AT, RevocationReason.superseded.code(), null);

    X509CRL crl = parse(new CrlSigner(ecCa.certificate(), SignatureAlgorithms.signer(ecCa.keyPair().getPrivate(), "sha384"))
        .sign(new Draft(3, null, entries), THIS_UPDATE, NEXT_UPDATE, DELTA_URL));

    crl.verify(ecCa.keyPair().getPublic());
    assertThat(crl.getSigAlgName()).isEqualTo("SHA384withECDSA");
    assertThat(crl.getRevokedCertificate(BigInteger.valueOf(5)).getRevocationReason()).isEqualTo(CRLReason.SUPERSEDED);
  }

  @Test
  void aCrlSignedByAnotherKeyDoesNotVerify() throws Exception {
    X509CRL crl = parse(new CrlSigner(ca.certificate(), SignatureAlgorithms.signer(TestCa.rsa().keyPair().getPrivate(), "sha256"))
        .sign(new Draft(1, null, new CrlEntries()), THIS_UPDATE, NEXT_UPDATE, null));

    assertThatThrownBy(() -> crl.verify(ca.keyPair().getPublic())).isInstanceOf(SignatureException.class);
  }

  @Test
  void pemRoundTripsToTheSameDerAndItsLengthIsKnownBeforehand() {
    for (int entries : new int[] {0, 1, 47, 48, 49, 200}) {
      CrlEntries list = new CrlEntries();
      for (int i = 1; i <= entries; i++) {
        list.add(BigInteger.valueOf(i), REVOKED_AT, 1, null);
      }
      byte[] der = signer(ca).sign(new Draft(2, null, list), THIS_UPDATE, NEXT_UPDATE, null);
      String pem = Pem.ofCrl(der);

      assertThat(pem).startsWith("-----BEGIN X509 CRL-----\n").endsWith("-----END X509 CRL-----\n");
      assertThat(Pem.derOfCrl(pem)).isEqualTo(der);
      assertThat(Pem.pemLength(der.length)).as("PEM length of %d DER bytes", der.length).isEqualTo(pem.length());
    }
  }

  private static CrlSigner signer(TestCa ca) {
    return new CrlSigner(ca.certificate(), SignatureAlgorithms.signer(ca.keyPair().getPrivate(), "sha256"));
  }

  private static X509CRL parse(byte[] der) throws Exception {
    return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
  }

  private static BigInteger integer(X509CRL crl, ASN1ObjectIdentifier oid) {
    byte[] value = crl.getExtensionValue(oid.getId());
    return ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets()).getValue();
  }

  private static String freshestUrl(X509CRL crl) {
    byte[] value = crl.getExtensionValue(Extension.freshestCRL.getId());
    CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(value).getOctets());
    GeneralNames names = (GeneralNames) points.getDistributionPoints()[0].getDistributionPoint().getName();
    GeneralName name = names.getNames()[0];
    assertThat(name.getTagNo()).isEqualTo(GeneralName.uniformResourceIdentifier);
    return name.getName().toString();
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
