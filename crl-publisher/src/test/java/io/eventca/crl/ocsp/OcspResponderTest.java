package io.eventca.crl.ocsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.crl.Openssl;
import io.eventca.crl.TestCa;
import io.eventca.crl.TestLeaf;
import io.eventca.crl.config.OcspConfig.Responder;
import io.eventca.crl.state.CrlProjection;
import io.eventca.custody.CaKeyCustody;
import io.eventca.custody.KekWrappedCustody;
import io.eventca.events.RevocationReason;
import io.eventca.events.cert.CertificateRevoked;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Given a CA's events applied to the projection, when OpenSSL asks about one of its serials, then OpenSSL
 * verifies the answer and reads good / revoked / unknown, whichever key signs it.
 */
class OcspResponderTest {
  private static final Duration VALIDITY = Duration.ofHours(1);
  private static final Instant REVOKED_AT = Instant.parse("2026-11-20T10:15:30Z");

  @TempDir Path dir;

  private final TestCa ca = TestCa.rsa();
  private final TestLeaf good = TestLeaf.issue(ca);
  private final TestLeaf revoked = TestLeaf.issue(ca);
  private final TestLeaf revokedUnspecified = TestLeaf.issue(ca);
  private final TestLeaf neverIssued = TestLeaf.issue(ca);
  private final CrlProjection projection = new CrlProjection(Clock.systemUTC());
  private CaKeyCustody custody = KekWrappedCustody.fromBase64("kek-1", TestCa.TEST_KEK);
  private boolean ready = true;

  @BeforeEach
  void givenTheCaInTheLog() throws Exception {
    projection.apply(ca.created());
    projection.apply(ca.keyStored());
    projection.apply(good.issued());
    projection.apply(revoked.issued());
    projection.apply(revokedUnspecified.issued());
    projection.apply(new CertificateRevoked(ca.caId(), revoked.serial(), RevocationReason.keyCompromise, REVOKED_AT,
        REVOKED_AT.minus(Duration.ofDays(1)), "operator-1"));
    projection.apply(new CertificateRevoked(ca.caId(), revokedUnspecified.serial(), RevocationReason.unspecified, REVOKED_AT, null,
        "operator-1"));
    Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
  }

  @ParameterizedTest
  @EnumSource(Responder.class)
  void anIssuedCertificateIsGoodAndTheNonceIsEchoed(Responder mode) throws Exception {
    byte[] request = opensslRequest(good, "req.der");

    byte[] response = responder(mode).respond(request).der();

    assertThat(opensslVerify(response, good)).contains("Response verify OK", good.opensslSerial() + ": good");
    // Given the request and no serial, openssl checks the response's nonce against the request's own.
    Files.write(dir.resolve("resp.der"), response);
    assertThat(Openssl.ok(dir, "ocsp", "-reqin", "req.der", "-respin", "resp.der", "-issuer", "ca.pem", "-CAfile", "ca.pem"))
        .contains("Response verify OK").doesNotContain("WARNING: no nonce", "Nonce Verify error");
    assertThat(basic(response).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue())
        .isEqualTo(new OCSPReq(request).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue());
  }

  @ParameterizedTest
  @EnumSource(Responder.class)
  void aRevokedCertificateIsRevokedWithItsReasonAndTime(Responder mode) throws Exception {
    byte[] response = responder(mode).respond(opensslRequest(revoked, "req.der")).der();

    assertThat(opensslVerify(response, revoked)).contains("Response verify OK", revoked.opensslSerial() + ": revoked",
        "Reason: keyCompromise", "Revocation Time: Nov 20 10:15:30 2026 GMT", "Invalidity Date");
  }

  @Test
  void anUnspecifiedReasonIsLeftOutAsOnTheCrl() throws Exception {
    byte[] response = responder(Responder.CA).respond(opensslRequest(revokedUnspecified, "req.der")).der();

    assertThat(opensslVerify(response, revokedUnspecified)).contains("Response verify OK", ": revoked", "Revocation Time")
        .doesNotContain("Reason:");
  }

  @ParameterizedTest
  @EnumSource(Responder.class)
  void aSerialTheCaNeverIssuedIsUnknown(Responder mode) throws Exception {
    byte[] response = responder(mode).respond(opensslRequest(neverIssued, "req.der", "-no_nonce")).der();

    assertThat(opensslVerify(response, neverIssued)).contains("Response verify OK", neverIssued.opensslSerial() + ": unknown");
    assertThat(basic(response).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)).as("no nonce asked, none sent").isNull();
  }

  @Test
  void aSha256CertIdAndSeveralSerialsOfTheCaAreAnsweredTogether() throws Exception {
    Openssl.ok(dir, "ocsp", "-sha256", "-issuer", "ca.pem", "-serial", good.opensslSerial(), "-serial", revoked.opensslSerial(),
        "-serial", neverIssued.opensslSerial(), "-reqout", "req.der");

    byte[] response = responder(Responder.CA).respond(Files.readAllBytes(dir.resolve("req.der"))).der();

    Files.write(dir.resolve("resp.der"), response);
    String text = Openssl.ok(dir, "ocsp", "-respin", "resp.der", "-no_nonce", "-sha256", "-issuer", "ca.pem", "-CAfile",
        "ca.pem", "-serial", good.opensslSerial(), "-serial", revoked.opensslSerial(), "-serial", neverIssued.opensslSerial());
    assertThat(text).contains("Response verify OK", good.opensslSerial() + ": good", revoked.opensslSerial() + ": revoked",
        neverIssued.opensslSerial() + ": unknown");
  }

  @ParameterizedTest
  @EnumSource(Responder.class)
  void theAnswerIsValidForTheConfiguredTimeAndNamesItsSignerByKey(Responder mode) throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    BasicOCSPResp basic = basic(responder(mode).respond(opensslRequest(good, "req.der")).der());

    SingleResp single = basic.getResponses()[0];
    assertThat(single.getThisUpdate().toInstant()).isBetween(before, Instant.now());
    assertThat(Duration.between(single.getThisUpdate().toInstant(), single.getNextUpdate().toInstant())).isEqualTo(VALIDITY);
    SubjectPublicKeyInfo signer = mode == Responder.CA
        ? SubjectPublicKeyInfo.getInstance(ca.certificate().getPublicKey().getEncoded())
        : basic.getCerts()[0].getSubjectPublicKeyInfo();
    byte[] keyHash = MessageDigest.getInstance("SHA-1").digest(signer.getPublicKeyData().getBytes());
    assertThat(basic.getResponderId().toASN1Primitive().getKeyHash()).isEqualTo(keyHash);
    assertThat(basic.getCerts()).hasSize(mode == Responder.CA ? 0 : 1);
  }

  @Test
  void afterItsCaExpiredTheDelegatedResponderSaysUnauthorizedRatherThanFailing() throws Exception {
    byte[] request = opensslRequest(good, "req.der");
    Clock afterTheCa = Clock.fixed(ca.certificate().getNotAfter().toInstant().plus(Duration.ofDays(1)), java.time.ZoneOffset.UTC);

    OcspResponder.Answer answer = OcspResponders.of(projection, () -> custody, Responder.DELEGATED, VALIDITY, Duration.ofDays(2),
        afterTheCa, () -> ready).respond(request);

    // No responder certificate can be valid within an expired CA's validity: it fails lint, and nothing is signed.
    assertThat(answer.status()).isEqualTo(OCSPRespBuilder.UNAUTHORIZED);
  }

  @Test
  void anIssuerItDoesNotKnowIsUnauthorized() throws Exception {
    TestCa stranger = TestCa.ec();
    Files.writeString(dir.resolve("stranger.pem"), stranger.certificatePem());
    Openssl.ok(dir, "ocsp", "-issuer", "stranger.pem", "-serial", "0x1234", "-reqout", "req.der");

    OcspResponder.Answer answer = responder(Responder.CA).respond(Files.readAllBytes(dir.resolve("req.der")));

    assertThat(answer.status()).isEqualTo(OCSPRespBuilder.UNAUTHORIZED);
    assertThat(new OCSPResp(answer.der()).getStatus()).isEqualTo(OCSPRespBuilder.UNAUTHORIZED);
    Files.write(dir.resolve("resp.der"), answer.der());
    assertThat(Openssl.run(dir, "ocsp", "-respin", "resp.der", "-resp_text").output()).contains("unauthorized (6)");
  }

  @Test
  void serialsOfTwoCasInOneRequestAreUnauthorized() throws Exception {
    TestCa other = TestCa.ec();
    projection.apply(other.created());
    projection.apply(other.keyStored());
    Files.writeString(dir.resolve("other.pem"), other.certificatePem());
    Openssl.ok(dir, "ocsp", "-issuer", "ca.pem", "-serial", good.opensslSerial(), "-issuer", "other.pem", "-serial", "0x99",
        "-reqout", "req.der");

    assertThat(responder(Responder.CA).respond(Files.readAllBytes(dir.resolve("req.der"))).status())
        .isEqualTo(OCSPRespBuilder.UNAUTHORIZED);
  }

  @Test
  void beforeTheLogIsReplayedItAnswersTryLater() throws Exception {
    ready = false;

    OcspResponder.Answer answer = responder(Responder.CA).respond(opensslRequest(good, "req.der"));

    assertThat(new OCSPResp(answer.der()).getStatus()).isEqualTo(OCSPRespBuilder.TRY_LATER);
    assertThat(answer.nextUpdate()).isNull();
  }

  @ParameterizedTest
  @EnumSource(Responder.class)
  void aCaWhoseKeyThisInstanceCannotUseGetsNoAnswersFromIt(Responder mode) throws Exception {
    custody = new io.eventca.custody.KekRing(io.eventca.custody.Kek.fromBase64("kek-2", "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="));

    OcspResponder.Answer answer = responder(mode).respond(opensslRequest(good, "req.der"));

    assertThat(answer.status()).isEqualTo(OCSPRespBuilder.UNAUTHORIZED);
  }

  /**
   * RFC 8954 (issue 11, finding 9c): a nonce of up to 32 octets comes back, a longer one up to 128 is answered without
   * one, and the 60 KB one of the penetration test, or an empty one, is malformedRequest; OpenSSL reads each as such.
   */
  @ParameterizedTest(name = "{0} octets, {1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "1,     echoed",     "32,    echoed",     "33, not echoed", "128, not echoed", "129, malformed", "61440, malformed", "0, malformed",
    "32,    echoed raw", "61440, malformed raw"})
  void aNonceIsEchoedOnlyWithinRfc8954sBounds(int octets, String outcome) throws Exception {
    byte[] nonce = new byte[octets];
    java.util.Arrays.fill(nonce, (byte) 0x5a); // fixed: random bytes could happen to be DER and change the raw case
    byte[] request = requestWithNonce(good, nonce, outcome.endsWith("raw"));
    Files.write(dir.resolve("req.der"), request);

    OcspResponder.Answer answer = responder(Responder.CA).respond(request);

    Files.write(dir.resolve("resp.der"), answer.der());
    if (outcome.startsWith("malformed")) {
      assertThat(answer.status()).isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
      assertThat(Openssl.run(dir, "ocsp", "-respin", "resp.der", "-resp_text").output()).contains("malformedrequest (1)");
      return;
    }
    String openssl = Openssl.ok(dir, "ocsp", "-reqin", "req.der", "-respin", "resp.der", "-issuer", "ca.pem", "-CAfile", "ca.pem");
    assertThat(openssl).contains("Response verify OK").doesNotContain("Nonce Verify error");
    org.bouncycastle.asn1.x509.Extension echoed = basic(answer.der()).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    if (outcome.startsWith("echoed")) {
      assertThat(openssl).doesNotContain("WARNING: no nonce");
      assertThat(echoed.getExtnValue()).isEqualTo(new OCSPReq(request).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue());
    } else {
      assertThat(openssl).contains("WARNING: no nonce in response");
      assertThat(echoed).isNull();
    }
  }

  @Test
  void bytesThatAreNoOcspRequestAreRefused() {
    OcspResponder responder = responder(Responder.CA);

    assertThatThrownBy(() -> responder.respond("not an OCSP request".getBytes())).isInstanceOf(NotAnOcspRequestException.class);
    assertThatThrownBy(() -> responder.respond(new byte[0])).isInstanceOf(NotAnOcspRequestException.class);
    // Valid DER, but a certificate instead of a request.
    assertThatThrownBy(() -> responder.respond(ca.certificate().getEncoded())).isInstanceOf(NotAnOcspRequestException.class);
  }

  /** A request for {@code leaf} with a nonce of exactly those octets: inside an OCTET STRING as RFC 6960 has it, or raw. */
  private byte[] requestWithNonce(TestLeaf leaf, byte[] nonce, boolean raw) throws Exception {
    var sha1 = new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build()
        .get(org.bouncycastle.cert.ocsp.CertificateID.HASH_SHA1);
    var id = new org.bouncycastle.cert.ocsp.CertificateID(sha1, new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(ca.certificate()),
        leaf.certificate().getSerialNumber());
    org.bouncycastle.asn1.x509.Extension extension = raw
        ? new org.bouncycastle.asn1.x509.Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
            new org.bouncycastle.asn1.DEROctetString(nonce))
        : new org.bouncycastle.asn1.x509.Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
            new org.bouncycastle.asn1.DEROctetString(nonce).getEncoded());
    return new org.bouncycastle.cert.ocsp.OCSPReqBuilder().addRequest(id)
        .setRequestExtensions(new org.bouncycastle.asn1.x509.Extensions(extension)).build().getEncoded();
  }

  private OcspResponder responder(Responder mode) {
    return OcspResponders.of(projection, () -> custody, mode, VALIDITY, Duration.ofDays(2), Clock.systemUTC(), () -> ready);
  }

  private byte[] opensslRequest(TestLeaf leaf, String file, String... options) throws Exception {
    var args = new ArrayList<>(List.of("ocsp", "-issuer", "ca.pem", "-serial", leaf.opensslSerial(), "-reqout", file));
    args.addAll(List.of(options));
    Openssl.ok(dir, args.toArray(String[]::new));
    return Files.readAllBytes(dir.resolve(file));
  }

  /**
   * What {@code openssl ocsp -resp_text} says of a response about {@code leaf}, trusting only the CA certificate.
   * -no_nonce: with -serial, openssl makes a request of its own, whose fresh nonce no response can echo.
   */
  private String opensslVerify(byte[] response, TestLeaf leaf) throws Exception {
    Files.write(dir.resolve("resp.der"), response);
    return Openssl.ok(dir, "ocsp", "-respin", "resp.der", "-no_nonce", "-issuer", "ca.pem", "-CAfile", "ca.pem",
        "-serial", leaf.opensslSerial(), "-resp_text");
  }

  private static BasicOCSPResp basic(byte[] response) throws Exception {
    OCSPResp parsed = new OCSPResp(response);
    assertThat(parsed.getStatus()).isEqualTo(OCSPRespBuilder.SUCCESSFUL);
    return (BasicOCSPResp) parsed.getResponseObject();
  }
}
