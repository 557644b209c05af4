package io.eventca.ca.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.eventca.ca.api.ApiError;
import io.eventca.ca.api.RequestCertificateBody;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import java.util.Base64;

/**
 * The CSR a caller posts, checked at the door (PEM, PKCS#10, proof of possession) before anything is recorded. The
 * fuzzer mutates the DER, where Bouncy Castle's ASN.1 parsing is, and the test wraps it as PEM: mutating the PEM
 * text would spend most runs on base64 the parser rejects at once. A bad CSR must come back as ApiError (a 400
 * naming csr), never as a Bouncy Castle exception or an Error.
 */
class CsrFuzzTest {
  private static final CaId CA = new CaId("3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3c");
  private static final RequestId REQUEST = new RequestId("fuzz-request");

  @FuzzTest(maxDuration = "10s")
  void csrDer(byte[] der) {
    String pem = "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END CERTIFICATE REQUEST-----\n";
    RequestCertificateBody body =
        new RequestCertificateBody(pem, "server", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    try {
      CertificateRequested event = (CertificateRequested) PackagePrivate.component(body.validate(CA, null, REQUEST, "fuzz"), "event");
      // Accepted means recorded as sent: the issuer-worker re-parses exactly this PEM.
      assertThat(event.csrPem()).isEqualTo(pem);
    } catch (ApiError e) {
      assertThat(e.kind()).isEqualTo(ApiError.Kind.INVALID_INPUT);
      assertThat(e.extensions().get("field")).isEqualTo("csr");
    }
  }
}
