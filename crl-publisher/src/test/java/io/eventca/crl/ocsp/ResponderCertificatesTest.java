package io.eventca.crl.ocsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.crl.TestCa;
import io.eventca.custody.SignatureAlgorithms;
import io.eventca.lint.LintContext;
import io.eventca.lint.LintFailedException;
import io.eventca.lint.LintProfile;
import io.eventca.lint.Linter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.Test;

/**
 * The responder certificate is linted before the CA key signs it: what it is built as passes, and each way a responder
 * certificate could go wrong is a lint failure that names its rule.
 */
class ResponderCertificatesTest {
  private final TestCa ca = TestCa.rsa();
  private final ContentSigner caSigner = SignatureAlgorithms.signer(ca.keyPair().getPrivate(), "sha256");
  private final KeyPair responder = p256();
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Test
  void whatIsBuiltPassesTheResponderLinter() throws Exception {
    X509CertificateHolder caHolder = new JcaX509CertificateHolder(ca.certificate());
    TBSCertificate tbs = ResponderCertificates.tbs(caHolder, caSigner, "ca-1", responder.getPublic(), now, Duration.ofDays(2));

    assertThat(Linter.forOcspResponders().lint(tbs, context()).tbs()).isSameAs(tbs);
  }

  @Test
  void aResponderValidLongerThanItsCaIsCutToTheCaAndStillPasses() {
    X509CertificateHolder signed = ResponderCertificates.issue(
        ca.certificate(), caSigner, "ca-1", responder.getPublic(), now, Duration.ofDays(365 * 100));

    assertThat(signed.getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
  }

  @Test
  void withoutOcspNoCheckItIsRefused() throws Exception {
    assertRefusedBy("OcspNoCheckPresent", e -> without(e, OCSPObjectIdentifiers.id_pkix_ocsp_nocheck));
  }

  @Test
  void aCriticalOcspNoCheckIsRefused() throws Exception {
    assertRefusedBy("OcspNoCheckPresent", e -> replaced(e, new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, true,
        encoded(DERNull.INSTANCE))));
  }

  @Test
  void aResponderThatCouldAlsoServeTlsIsRefused() throws Exception {
    ExtendedKeyUsage both = new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_OCSPSigning, KeyPurposeId.id_kp_serverAuth});
    assertRefusedBy("ExtendedKeyUsageMatchesProfile",
        e -> replaced(e, new Extension(Extension.extendedKeyUsage, false, encoded(both))));
  }

  @Test
  void aResponderThatCouldSignCertificatesIsRefused() throws Exception {
    KeyUsage signsCertificates = new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign);
    assertRefusedBy("EndEntityIsNotCa",
        e -> replaced(e, new Extension(Extension.keyUsage, true, encoded(signsCertificates))));
  }

  private void assertRefusedBy(String rule, UnaryOperator<Extensions> spoil) throws Exception {
    X509CertificateHolder caHolder = new JcaX509CertificateHolder(ca.certificate());
    TBSCertificate good = ResponderCertificates.tbs(caHolder, caSigner, "ca-1", responder.getPublic(), now, Duration.ofDays(2));
    TBSCertificate spoiled = withExtensions(good, spoil.apply(good.getExtensions()));

    assertThatThrownBy(() -> Linter.forOcspResponders().lint(spoiled, context()))
        .isInstanceOfSatisfying(LintFailedException.class, e -> assertThat(e.rule()).isEqualTo(rule));
  }

  private LintContext context() throws Exception {
    return new LintContext(new JcaX509CertificateHolder(ca.certificate()), LintProfile.OCSP_RESPONDER);
  }

  private static Extensions without(Extensions extensions, ASN1ObjectIdentifier oid) {
    return new Extensions(java.util.Arrays.stream(extensions.getExtensionOIDs()).filter(o -> !o.equals(oid))
        .map(extensions::getExtension).toArray(Extension[]::new));
  }

  private static Extensions replaced(Extensions extensions, Extension replacement) {
    return new Extensions(java.util.Arrays.stream(extensions.getExtensionOIDs())
        .map(o -> o.equals(replacement.getExtnId()) ? replacement : extensions.getExtension(o)).toArray(Extension[]::new));
  }

  private static byte[] encoded(org.bouncycastle.asn1.ASN1Encodable value) {
    try {
      return value.toASN1Primitive().getEncoded();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TBSCertificate withExtensions(TBSCertificate tbs, Extensions extensions) {
    V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
    generator.setSerialNumber(tbs.getSerialNumber());
    generator.setSignature(tbs.getSignature());
    generator.setIssuer(tbs.getIssuer());
    generator.setStartDate(tbs.getStartDate());
    generator.setEndDate(tbs.getEndDate());
    generator.setSubject(tbs.getSubject());
    generator.setSubjectPublicKeyInfo(tbs.getSubjectPublicKeyInfo());
    generator.setExtensions(extensions);
    return generator.generateTBSCertificate();
  }

  private static KeyPair p256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
