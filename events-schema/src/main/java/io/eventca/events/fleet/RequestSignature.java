package io.eventca.events.fleet;

import io.eventca.events.cert.CertificateRequested;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a fleet requester signs, so that writing to {@code eventca.fleet-requests} is not enough to get a
 * certificate: the UTF-8 bytes of these five lines joined by {@code "\n"} (no newline at the end), null written
 * as {@code ""}:
 *
 * <pre>
 * eventca-certificate-request-v1
 * requestId
 * requestedBy
 * replyTopic
 * RequestFingerprint.of(request)   (what is asked for: CA, profile, validity, CSR, names, digest)
 * </pre>
 *
 * signed with SHA-256 by the requester's registered key (ECDSA as DER, or RSA PKCS#1 v1.5: what
 * {@code openssl dgst -sha256 -sign key.pem} writes) and put base64 into {@code signature}. The request time
 * is not signed: a replay is the same request id, which gets the same answer again. Never change this text.
 */
public final class RequestSignature {
  public static final String CONTEXT = "eventca-certificate-request-v1";

  private RequestSignature() {}

  public static byte[] message(CertificateRequested request) {
    Objects.requireNonNull(request, "request");
    String text = String.join("\n",
        CONTEXT,
        request.requestId() == null ? "" : request.requestId().value(),
        request.requestedBy() == null ? "" : request.requestedBy(),
        request.replyTopic() == null ? "" : request.replyTopic(),
        RequestFingerprint.of(request));
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
