package io.eventca.events.cert;

import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.SerialNumber;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * {@code caId} issued this certificate for {@code requestId}. Optional since their introduction in v1:
 * {@code host} (the requested DNS host, which names the download files), {@code digest}, {@code sha1OptIn},
 * {@code requestSha256} (the RequestFingerprint of the request, lowercase hex SHA-256); since issue 11
 * {@code requestedBy} (who asked: the request id is that requester's, see {@link RequestKey}) and {@code channel}
 * (where the request came from).
 */
@EventType(name = "certificate-issued", version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateIssued(
    CaId caId,
    RequestId requestId,
    SerialNumber serialNumber,
    String subjectDn,
    String profile,
    Instant notBefore,
    Instant notAfter,
    String certificatePem,
    String host,
    String digest,
    Boolean sha1OptIn,
    String requestSha256,
    String requestedBy,
    Channel channel)
    implements Event {

  public CertificateIssued(
      CaId caId, RequestId requestId, SerialNumber serialNumber, String subjectDn, String profile, Instant notBefore,
      Instant notAfter, String certificatePem, String host, String digest, Boolean sha1OptIn, String requestSha256) {
    this(caId, requestId, serialNumber, subjectDn, profile, notBefore, notAfter, certificatePem, host, digest, sha1OptIn, requestSha256,
        null, null);
  }

  public CertificateIssued(
      CaId caId, RequestId requestId, SerialNumber serialNumber, String subjectDn, String profile, Instant notBefore,
      Instant notAfter, String certificatePem) {
    this(caId, requestId, serialNumber, subjectDn, profile, notBefore, notAfter, certificatePem, null, null, null, null, null, null);
  }

  /** Without a request fingerprint, as before {@code requestSha256} existed. */
  public CertificateIssued(
      CaId caId, RequestId requestId, SerialNumber serialNumber, String subjectDn, String profile, Instant notBefore,
      Instant notAfter, String certificatePem, String host, String digest, Boolean sha1OptIn) {
    this(caId, requestId, serialNumber, subjectDn, profile, notBefore, notAfter, certificatePem, host, digest, sha1OptIn, null, null, null);
  }

  /** Whose request this answers, and so under which key its answer is kept. */
  public RequestKey requestKey() {
    return new RequestKey(requestedBy, requestId);
  }
}
