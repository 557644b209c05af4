package io.eventca.events.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.events.SubjectName;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestFingerprintTest {
  private static final CaId CA = new CaId("3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3c");
  private static final String CSR = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n";

  /** The fixed request whose fingerprint is pinned below. */
  private static final CertificateRequested REQUEST =
      new CertificateRequested(
          CA,
          new RequestId("web-fleet.node-17:renew-2026-11-22"),
          CSR,
          "server",
          397,
          "svc:web-fleet",
          Instant.parse("2026-11-22T19:13:36.500Z"),
          "eventca.replies.web-fleet",
          "api.internal.example.com",
          new SubjectName("api", null, null, "Example Corp", null, null, "DE"),
          List.of("alias.example.com", "10.0.0.17"),
          "sha384",
          false);

  /** The fingerprints on Kafka must stay comparable with tomorrow's: never change the algorithm silently. */
  @Test
  void fingerprintOfAFixedRequestIsPinned() throws Exception {
    String text =
        "3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3c\n"
            + "server\n"
            + "397\n"
            + "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n"
            + "api.internal.example.com\n"
            + "api\n\n\nExample Corp\n\n\nDE\n"
            + "alias.example.com,10.0.0.17\n"
            + "sha384\n"
            + "false";
    assertThat(RequestFingerprint.canonicalText(REQUEST)).isEqualTo(text);
    assertThat(RequestFingerprint.of(REQUEST))
        .isEqualTo(sha256(text))
        .isEqualTo("58423dcd15b1f1c88a98bd8edc39a84e838fa8cfd198cd3029dac9f2e72ce3e9");
  }

  @Test
  void nullOptionalFieldsAreEmptyAndTheDefaultsAreSpelledOut() {
    CertificateRequested bare =
        new CertificateRequested(CA, new RequestId("r1"), CSR, "client", 30, "bob", Instant.EPOCH, null);

    assertThat(RequestFingerprint.canonicalText(bare))
        .isEqualTo(
            "3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3c\nclient\n30\n"
                + "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n"
                + "\n" // host
                + "\n\n\n\n\n\n\n" // subject, 7 fields
                + "\n" // subjectAltNames
                + "sha256\nfalse");
    assertThat(RequestFingerprint.of(bare)).matches("[0-9a-f]{64}");
  }

  @Test
  void isLowercaseHexSha256() {
    assertThat(RequestFingerprint.of(REQUEST)).matches("[0-9a-f]{64}");
  }

  @Test
  void whoWhenWhereToAnswerAndTheRequestIdDoNotCount() {
    CertificateRequested retry =
        with(
            r ->
                new CertificateRequested(
                    r.caId(), new RequestId("another-id"), r.csrPem(), r.profile(), r.validityDays(), "someone-else",
                    Instant.parse("2030-01-01T00:00:00Z"), null, r.host(), r.subject(), r.subjectAltNames(), r.digest(),
                    r.sha1OptIn()));

    assertThat(RequestFingerprint.of(retry)).isEqualTo(RequestFingerprint.of(REQUEST));
  }

  @Test
  void crlfAndSurroundingWhitespaceInTheCsrDoNotCount() {
    CertificateRequested crlf = withCsr(CSR.replace("\n", "\r\n"));
    CertificateRequested padded = withCsr("\n  " + CSR + "\n\n");

    assertThat(RequestFingerprint.of(crlf)).isEqualTo(RequestFingerprint.of(REQUEST));
    assertThat(RequestFingerprint.of(padded)).isEqualTo(RequestFingerprint.of(REQUEST));
  }

  @Test
  void theDefaultDigestAndAnAbsentSha1OptInAreTheSameAsSpelledOut() {
    CertificateRequested implicit = with(r -> copy(r, r.host(), r.subject(), r.subjectAltNames(), null, null));
    CertificateRequested explicit = with(r -> copy(r, r.host(), r.subject(), r.subjectAltNames(), "sha256", false));

    assertThat(RequestFingerprint.of(implicit)).isEqualTo(RequestFingerprint.of(explicit));
  }

  static List<UnaryOperator<CertificateRequested>> changesOfWhatIsAsked() {
    return List.of(
        r -> new CertificateRequested(new CaId("9d2e7f40-1c3b-4a5d-8e6f-0a1b2c3d4e5f"), r.requestId(), r.csrPem(), r.profile(),
            r.validityDays(), r.requestedBy(), r.requestedAt(), r.replyTopic(), r.host(), r.subject(), r.subjectAltNames(),
            r.digest(), r.sha1OptIn()),
        r -> new CertificateRequested(r.caId(), r.requestId(), r.csrPem(), "client", r.validityDays(), r.requestedBy(),
            r.requestedAt(), r.replyTopic(), r.host(), r.subject(), r.subjectAltNames(), r.digest(), r.sha1OptIn()),
        r -> new CertificateRequested(r.caId(), r.requestId(), r.csrPem(), r.profile(), 398, r.requestedBy(),
            r.requestedAt(), r.replyTopic(), r.host(), r.subject(), r.subjectAltNames(), r.digest(), r.sha1OptIn()),
        r -> new CertificateRequested(r.caId(), r.requestId(), CSR.replace("MIIB", "MIIC"), r.profile(), r.validityDays(),
            r.requestedBy(), r.requestedAt(), r.replyTopic(), r.host(), r.subject(), r.subjectAltNames(), r.digest(),
            r.sha1OptIn()),
        r -> copy(r, "other.example.com", r.subject(), r.subjectAltNames(), r.digest(), r.sha1OptIn()),
        r -> copy(r, null, r.subject(), r.subjectAltNames(), r.digest(), r.sha1OptIn()),
        r -> copy(r, r.host(), new SubjectName("api", null, null, "Example Corp", null, null, "NO"), r.subjectAltNames(),
            r.digest(), r.sha1OptIn()),
        r -> copy(r, r.host(), new SubjectName("api", "pki@example.com", null, "Example Corp", null, null, "DE"),
            r.subjectAltNames(), r.digest(), r.sha1OptIn()),
        r -> copy(r, r.host(), null, r.subjectAltNames(), r.digest(), r.sha1OptIn()),
        r -> copy(r, r.host(), r.subject(), List.of("alias.example.com"), r.digest(), r.sha1OptIn()),
        r -> copy(r, r.host(), r.subject(), List.of("10.0.0.17", "alias.example.com"), r.digest(), r.sha1OptIn()),
        r -> copy(r, r.host(), r.subject(), null, r.digest(), r.sha1OptIn()),
        r -> copy(r, r.host(), r.subject(), r.subjectAltNames(), "sha512", r.sha1OptIn()),
        r -> copy(r, r.host(), r.subject(), r.subjectAltNames(), null, r.sha1OptIn()),
        r -> copy(r, r.host(), r.subject(), r.subjectAltNames(), r.digest(), true));
  }

  @ParameterizedTest
  @MethodSource("changesOfWhatIsAsked")
  void anyChangeOfWhatIsAskedChangesTheFingerprint(UnaryOperator<CertificateRequested> change) {
    CertificateRequested changed = with(change);

    assertThat(changed).isNotEqualTo(REQUEST);
    assertThat(RequestFingerprint.of(changed)).isNotEqualTo(RequestFingerprint.of(REQUEST));
  }

  private static CertificateRequested with(UnaryOperator<CertificateRequested> change) {
    return change.apply(REQUEST);
  }

  private static CertificateRequested withCsr(String csr) {
    CertificateRequested r = REQUEST;
    return new CertificateRequested(r.caId(), r.requestId(), csr, r.profile(), r.validityDays(), r.requestedBy(),
        r.requestedAt(), r.replyTopic(), r.host(), r.subject(), r.subjectAltNames(), r.digest(), r.sha1OptIn());
  }

  private static CertificateRequested copy(
      CertificateRequested r, String host, SubjectName subject, List<String> sans, String digest, Boolean sha1OptIn) {
    return new CertificateRequested(r.caId(), r.requestId(), r.csrPem(), r.profile(), r.validityDays(), r.requestedBy(),
        r.requestedAt(), r.replyTopic(), host, subject, sans, digest, sha1OptIn);
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
