package io.eventca.crl.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.crl.TestCa;
import io.eventca.crl.config.OcspConfig;
import io.eventca.crl.state.CaCrlState;
import io.eventca.crl.state.CrlProjection;
import io.eventca.custody.KekWrappedCustody;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/** The delegated responder's certificate, and when it is renewed. */
class DelegatedSigningTest {
  private static final Duration DELEGATED = Duration.ofDays(2);

  private final TestCa ca = TestCa.rsa();
  private final CrlProjection projection = new CrlProjection(Clock.systemUTC());
  private final KekWrappedCustody custody = KekWrappedCustody.fromBase64("kek-1", TestCa.TEST_KEK);
  private final DelegatedSigning signing = new DelegatedSigning(() -> custody, DELEGATED);
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Test
  void theCaCertifiesAnEcResponderKeyForOcspSigningOnly() throws Exception {
    X509CertificateHolder responder = signing.signerFor(state(), now).certificates()[0];

    assertThat(responder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca.certificate()))).isTrue();
    assertThat(responder.getIssuer()).isEqualTo(X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()));
    assertThat(responder.getSubjectPublicKeyInfo().getAlgorithm().getParameters()).isEqualTo(X9ObjectIdentifiers.prime256v1);
    assertThat(ExtendedKeyUsage.getInstance(responder.getExtension(Extension.extendedKeyUsage).getParsedValue()).getUsages())
        .containsExactly(KeyPurposeId.id_kp_OCSPSigning);
    assertThat(KeyUsage.getInstance(responder.getExtension(Extension.keyUsage).getParsedValue()))
        .isEqualTo(new KeyUsage(KeyUsage.digitalSignature));
    assertThat(BasicConstraints.getInstance(responder.getExtension(Extension.basicConstraints).getParsedValue()).isCA()).isFalse();
    assertThat(responder.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck).getParsedValue()).isEqualTo(DERNull.INSTANCE);
    byte[] caSki = SubjectKeyIdentifier.getInstance(
        ASN1OctetString.getInstance(ca.certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
    assertThat(AuthorityKeyIdentifier.getInstance(responder.getExtension(Extension.authorityKeyIdentifier).getParsedValue())
        .getKeyIdentifierOctets()).isEqualTo(caSki);
    assertThat(responder.getNotAfter().toInstant()).isEqualTo(now.plus(DELEGATED));
    assertThat(responder.getNotBefore().toInstant()).isEqualTo(now.minus(ResponderCertificates.BACKDATE));
  }

  @Test
  void theResponderIsKeptWhileMoreThanHalfRemainsAndRenewedAfter() {
    CaCrlState state = state();
    X509CertificateHolder first = signing.signerFor(state, now).certificates()[0];

    X509CertificateHolder later = signing.signerFor(state, now.plus(Duration.ofHours(23))).certificates()[0];
    X509CertificateHolder renewed = signing.signerFor(state, now.plus(Duration.ofHours(25))).certificates()[0];

    assertThat(later).isEqualTo(first);
    assertThat(renewed.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
    assertThat(renewed.getSubjectPublicKeyInfo()).as("a new key, too").isNotEqualTo(first.getSubjectPublicKeyInfo());
    assertThat(renewed.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofHours(25)).plus(DELEGATED));
  }

  @Test
  void anAnswerNeverOutlivesTheResponderCertificate() throws Exception {
    Duration shortDelegation = Duration.ofHours(2);
    OcspResponder responder = OcspResponders.of(projection, () -> custody, OcspConfig.Responder.DELEGATED,
        Duration.ofHours(3), shortDelegation, Clock.fixed(now, ZoneOffset.UTC), () -> true);
    state();

    OcspResponder.Answer answer = responder.respond(request());

    assertThat(answer.nextUpdate()).isEqualTo(now.plus(shortDelegation));
  }

  private byte[] request() throws Exception {
    CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
        new JcaX509CertificateHolder(ca.certificate()), BigInteger.TEN);
    return new OCSPReqBuilder().addRequest(id).build().getEncoded();
  }

  private CaCrlState state() {
    projection.apply(ca.created());
    projection.apply(ca.keyStored());
    return projection.find(ca.caId()).orElseThrow();
  }
}
