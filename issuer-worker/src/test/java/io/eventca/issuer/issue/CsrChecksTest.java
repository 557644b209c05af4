package io.eventca.issuer.issue;

import io.eventca.checks.csr.CsrChecks;
import io.eventca.checks.csr.CheckedCsr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.errors.ErrorCode;
import io.eventca.checks.RequestProblem;
import io.eventca.issuer.TestCa;
import io.eventca.issuer.TestCsrs;
import io.eventca.issuer.crypto.Pem;
import io.eventca.testkit.Csrs;
import java.security.KeyPair;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

class CsrChecksTest {
  private static final KeyPair RSA = Csrs.rsa(2048);

  @Test
  void givenAGoodCsr_whenValidated_thenSubjectAndKeyComeFromIt() throws Exception {
    CheckedCsr csr = CsrChecks.check(Csrs.csrPem(RSA, "CN=host.example.internal,O=Example"));

    assertThat(csr.subject().toString()).isEqualTo("CN=host.example.internal,O=Example");
    assertThat(csr.keyAlgorithm()).isEqualTo(KeyAlgorithm.RSA);
    assertThat(csr.publicKey().getEncoded()).isEqualTo(RSA.getPublic().getEncoded());
    assertThat(csr.requestedNames()).isEmpty();
  }

  @Test
  void givenACsrWithATamperedSignature_whenValidated_thenProofOfPossessionFails() {
    String tampered = TestCsrs.tamperedSignature(Csrs.csrPem(RSA, "CN=host.example.internal"));

    assertRejected(tampered, ErrorCode.CSR_SIGNATURE_INVALID.code(), "no proof of possession");
  }

  @Test
  void givenAnEcCsrWithATamperedSignature_whenValidated_thenProofOfPossessionFails() {
    String tampered = TestCsrs.tamperedSignature(Csrs.csrPem(Csrs.ecP256(), "CN=host.example.internal"));

    assertRejected(tampered, ErrorCode.CSR_SIGNATURE_INVALID.code(), "no proof of possession");
  }

  @Test
  void givenGarbage_whenValidated_thenBadCsr() {
    assertRejected("hello", ErrorCode.BAD_CSR.code(), "no PEM block");
    assertRejected("-----BEGIN CERTIFICATE REQUEST-----\nnot base64\n-----END CERTIFICATE REQUEST-----\n",
        ErrorCode.BAD_CSR.code(), "not a readable PEM");
    assertRejected("", ErrorCode.BAD_CSR.code(), "no CSR");
  }

  @Test
  void givenACertificateInsteadOfACsr_whenValidated_thenBadCsr() {
    assertRejected(Pem.of(TestCa.ecP256().certificate), ErrorCode.BAD_CSR.code(), "not a PKCS#10");
  }

  @Test
  void givenACsrSignedWithSha1_whenValidated_thenBadCsr() {
    assertRejected(TestCsrs.signedWith(RSA, "CN=host.example.internal", "SHA1"), ErrorCode.BAD_CSR.code(), "SHA-256 or stronger");
  }

  @Test
  void givenAWeakKey_whenValidated_thenWeakKeyBeforeAnythingElse() {
    assertRejected(Csrs.csrPem(Csrs.rsa(1024), "CN=host.example.internal"), ErrorCode.WEAK_KEY.code(), "1024 bits");
  }

  @Test
  void givenRequestedSubjectAltNames_whenValidated_thenTheyAreRead() {
    String pem = TestCsrs.withSans(Csrs.ecP256(), "CN=a.example",
        new GeneralName(GeneralName.dNSName, "a.example"), new GeneralName(GeneralName.iPAddress, "192.0.2.7"));

    assertThat(CsrChecks.check(pem).requestedNames()).containsExactly(
        new GeneralName(GeneralName.dNSName, "a.example"), new GeneralName(GeneralName.iPAddress, "192.0.2.7"));
  }

  private static void assertRejected(String pem, String code, String detail) {
    assertThatThrownBy(() -> CsrChecks.check(pem))
        .isInstanceOfSatisfying(RequestProblem.class, r -> assertThat(r.code().code()).isEqualTo(code))
        .hasMessageContaining(detail);
  }
}
