package io.eventca.issuer;

import io.eventca.events.Event;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.cert.Channel;
import io.eventca.events.cert.RequestKey;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.fleet.RequestFingerprint;
import io.eventca.issuer.ca.CaCreator;
import io.eventca.issuer.issue.IssuanceCycle;
import io.eventca.issuer.state.CaDirectory;
import io.eventca.issuer.state.StaleStateException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Answers one request from {@code eventca.requests} with the events to write, or with none when it was
 * answered before (a duplicate publish or a redelivery): answers are keyed by CA id for CA creation and by
 * request id for certificates. Kafka-free, so it is tested without a broker.
 */
public final class RequestHandler {
  private static final Logger LOG = Logger.getLogger(RequestHandler.class);

  private final CaCreator caCreator;
  private final IssuanceCycle issuanceCycle;

  public RequestHandler(CaCreator caCreator, IssuanceCycle issuanceCycle) {
    this.caCreator = caCreator;
    this.issuanceCycle = issuanceCycle;
  }

  /**
   * @throws StaleStateException when the answer cannot be decided yet; the caller retries the batch
   */
  /** A request from ca-service's REST API (eventca.requests). */
  public List<Event> handle(Event request, CaDirectory directory) {
    return handle(request, directory, Channel.rest);
  }

  /** @param channel where the request came in, recorded in its fact */
  public List<Event> handle(Event request, CaDirectory directory, Channel channel) {
    try {
      if (request instanceof CaCreationRequested creation) {
        if (directory.caAnswered(creation.caId())) {
          LOG.infof("CA %s was already answered; not creating a second key", creation.caId());
          return List.of();
        }
        return caCreator.create(creation, directory);
      }
      if (request instanceof CertificateRequested certificate) {
        if (directory.requestAnswered(RequestKey.of(certificate))) {
          LOG.infof("request %s was already answered; nothing new to write", certificate.requestId());
          return List.of();
        }
        return List.of(stamped(issuanceCycle.issue(certificate, directory), certificate, channel));
      }
      LOG.debugf("ignoring %s on the request topic", request.getClass().getSimpleName());
      return List.of();
    } catch (StaleStateException e) {
      throw e;
    } catch (RuntimeException e) {
      // A bug or a broken CA must not stop the partition: answer, log for the operator, move on.
      LOG.errorf(e, "internal error answering %s for CA %s", request.getClass().getSimpleName(), request.caId());
      return List.of(internalError(request, channel));
    }
  }

  /**
   * The fact remembers what was asked (so a later request under the same id can be told apart from a retry), who asked
   * (request ids are each requester's own) and where it came in.
   */
  static Event stamped(Event fact, CertificateRequested request, Channel channel) {
    String fingerprint = RequestFingerprint.of(request);
    if (fact instanceof CertificateIssued i) {
      return new CertificateIssued(i.caId(), i.requestId(), i.serialNumber(), i.subjectDn(), i.profile(), i.notBefore(), i.notAfter(),
          i.certificatePem(), i.host(), i.digest(), i.sha1OptIn(), fingerprint, request.requestedBy(), channel);
    }
    if (fact instanceof CertificateRejected r) {
      return new CertificateRejected(r.caId(), r.requestId(), r.code(), r.detail(), fingerprint, request.requestedBy(), channel);
    }
    return fact;
  }

  private static Event internalError(Event request, Channel channel) {
    String detail = "the issuer-worker failed internally; nothing was issued (see its log)";
    if (request instanceof CertificateRequested certificate) {
      return stamped(new CertificateRejected(certificate.caId(), certificate.requestId(), ErrorCode.INTERNAL_ERROR.code(), detail),
          certificate, channel);
    }
    return new CaCreationFailed(request.caId(), ErrorCode.INTERNAL_ERROR.code(), detail);
  }
}
