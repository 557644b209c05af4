package io.eventca.events.fleet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.events.fleet.FleetVectors.Vector;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fingerprint vectors that docs/FLEET.md gives non-Java clients are what RequestFingerprint computes: a client
 * that reproduces them computes the fingerprint the worker signs, checks and records.
 */
class FingerprintVectorsTest {

  static List<Vector> vectors() {
    return FleetVectors.fingerprintVectors();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void theCanonicalBytesAndTheHashAreRequestFingerprints(Vector vector) throws Exception {
    byte[] expected = vector.canonical().getBytes(UTF_8);

    assertThat(RequestFingerprint.canonicalText(vector.decoded()).getBytes(UTF_8)).isEqualTo(expected);
    assertThat(RequestFingerprint.of(vector.decoded())).isEqualTo(vector.sha256());
    // The fixture must hold on its own, for a reader who has no RequestFingerprint.
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected))).isEqualTo(vector.sha256());
  }

  /** FLEET.md promises a vector for each of these cases; a fixture edited into something else must fail. */
  @Test
  void theVectorsShowWhatFleetMdSaysTheyShow() {
    Vector minimal = FleetVectors.fingerprintVector("minimal");
    assertThat(minimal.request().has("host") || minimal.request().has("subject") || minimal.request().has("subjectAltNames")
        || minimal.request().has("digest") || minimal.request().has("sha1OptIn")).isFalse();
    assertThat(minimal.request().path("csrPem").asText()).endsWith("-----\n").doesNotContain("\r");
    assertThat(minimal.canonical()).endsWith("\n\n\n\n\n\n\n\n\n\nsha256\nfalse");

    Vector full = FleetVectors.fingerprintVector("subject-and-sans");
    assertThat(full.request().path("subject").size()).isEqualTo(7);
    assertThat(full.request().path("subjectAltNames").size()).isGreaterThan(1);
    assertThat(full.request().path("host").isTextual()).isTrue();
    assertThat(full.canonical().getBytes(UTF_8).length).as("a field that is not ASCII").isGreaterThan(full.canonical().length());

    assertThat(FleetVectors.fingerprintVector("csr-crlf").request().path("csrPem").asText()).contains("\r\n").endsWith("\r\n");
    assertThat(FleetVectors.fingerprintVector("csr-without-trailing-newline").request().path("csrPem").asText()).endsWith("-----");
    for (String sameAsMinimal : List.of("csr-crlf", "csr-without-trailing-newline", "explicit-defaults")) {
      Vector v = FleetVectors.fingerprintVector(sameAsMinimal);
      assertThat(v.canonical()).as(sameAsMinimal).isEqualTo(minimal.canonical());
      assertThat(v.sha256()).as(sameAsMinimal).isEqualTo(minimal.sha256());
    }

    Vector sha1 = FleetVectors.fingerprintVector("digest-sha1-opt-in");
    assertThat(sha1.request().path("digest").asText()).isEqualTo("sha1");
    assertThat(sha1.request().path("sha1OptIn").asBoolean()).isTrue();
    assertThat(sha1.canonical()).endsWith("\nsha1\ntrue");
  }

  /** A real PKCS#10 request, as openssl writes it: a vector with a stand-in CSR would not show the PEM's lines. */
  @Test
  void theCsrIsARealCertificateRequest() {
    String pem = FleetVectors.fingerprintVector("minimal").request().path("csrPem").asText();
    String body = pem.replace("-----BEGIN CERTIFICATE REQUEST-----", "").replace("-----END CERTIFICATE REQUEST-----", "");
    CertificationRequest csr = CertificationRequest.getInstance(Base64.getMimeDecoder().decode(body));

    assertThat(csr.getCertificationRequestInfo().getSubject().toString()).isEqualTo("CN=svc-1.fleet.internal");
  }
}
