package io.eventca.issuer.kafka;

import io.eventca.events.Event;
import io.eventca.events.Topic;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.cert.Channel;
import io.eventca.events.cert.RequestKey;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.envelope.UnreadableEventException;
import io.eventca.issuer.RequestHandler;
import io.eventca.issuer.state.Batch;
import io.eventca.issuer.state.StaleStateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.eventca.events.registry.RequesterRegistered;
import io.eventca.checks.policy.RequestSignatures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

/**
 * Everything one record of {@code eventca.requests} leads to, inside its batch's transaction: the facts, the
 * answer on the reply topic and any dead letter. Garbage never stops the line: whatever the record holds, this
 * answers it, and only a lagging CA state ({@link StaleStateException}) or Kafka itself makes the batch retry.
 * Kafka-free apart from the record types, so it is tested without a broker. Thread-safe: the records of one batch are
 * answered on several threads, each requester's in order on one.
 */
final class RecordAnswerer {
  private static final Logger LOG = Logger.getLogger(RecordAnswerer.class);

  private final RequestHandler handler;
  private final Answers answers;
  private final RateLimiter rateLimiter;
  private final int maxRequestBytes;
  private final Runnable catchUp;
  /** The batch for which an unknown requester already caused a catch-up (at most one per batch). */
  private Batch caughtUpFor;
  private final EventCodec codec = new EventCodec("issuer-worker");

  RecordAnswerer(RequestHandler handler, Answers answers, RateLimiter rateLimiter, int maxRequestBytes) {
    this(handler, answers, rateLimiter, maxRequestBytes, () -> {});
  }

  /** @param catchUp reads the registry to its end, so a requester registered a moment ago is known */
  RecordAnswerer(RequestHandler handler, Answers answers, RateLimiter rateLimiter, int maxRequestBytes, Runnable catchUp) {
    this.catchUp = catchUp;
    this.handler = handler;
    this.answers = answers;
    this.rateLimiter = rateLimiter;
    this.maxRequestBytes = maxRequestBytes;
  }

  /**
   * The records to write for {@code record}; its facts are recorded in {@code batch} once all of them are built.
   *
   * @throws StaleStateException when the CA state lags: the batch is retried
   */
  List<ProducerRecord<String, byte[]>> answer(ConsumerRecord<String, byte[]> record, Batch batch) {
    try {
      return answerOrThrow(record, batch);
    } catch (StaleStateException | KafkaException e) {
      throw e;
    } catch (RuntimeException e) {
      // A bug on an odd record must not abort the batch again and again: dead-letter it and move on.
      LOG.errorf(e, "internal error on record %s-%d@%d; dead-lettering it", record.topic(), record.partition(), record.offset());
      String detail = "the issuer-worker failed internally on this record; nothing was issued (see its log)";
      try {
        return unauthenticatedOnly(record, answers.forUnreadable(record, ErrorCode.INTERNAL_ERROR, detail, size(record) <= maxRequestBytes));
      } catch (RuntimeException again) {
        LOG.error("cannot answer the record either; dead-lettering it without an answer", again);
        return List.of(answers.deadLetter(record, io.eventca.events.ids.CaId.UNKNOWN, null, ErrorCode.INTERNAL_ERROR, detail));
      }
    }
  }

  private List<ProducerRecord<String, byte[]>> answerOrThrow(ConsumerRecord<String, byte[]> record, Batch batch) {
    int size = size(record);
    if (size > maxRequestBytes) {
      LOG.warnf("dead-lettering oversized record %s (%d bytes)", where(record), size);
      return unauthenticatedOnly(record, answers.forUnreadable(record, ErrorCode.TOO_LARGE,
          "the record has " + size + " bytes; requests may have at most " + maxRequestBytes, false));
    }
    Event request;
    try {
      request = EventCodec.decode(record.headers(), record.value()).payload();
    } catch (UnreadableEventException e) {
      // Never log the payload: it may be anything, including secrets someone pasted by mistake.
      LOG.warnf("dead-lettering unreadable record %s (%s, %d bytes)", where(record), e.code(), size);
      return unauthenticatedOnly(record, answers.forUnreadable(record, ErrorCode.UNREADABLE_REQUEST, e.getMessage(), true));
    }
    boolean fleet = Topic.FLEET_REQUESTS.topicName().equals(record.topic());
    if (fleet && !(request instanceof CertificateRequested)) {
      LOG.warnf("dead-lettering %s on %s", request.getClass().getSimpleName(), where(record));
      return List.of(answers.deadLetter(record, request.caId(), null, ErrorCode.UNREADABLE_REQUEST,
          "a " + request.getClass().getSimpleName() + " is no certificate request; " + Topic.FLEET_REQUESTS.topicName()
              + " carries signed certificate requests only"));
    }
    if (!Topic.REQUESTS.valueTypes().contains(request.getClass())) {
      // An eventca event, but no request (a fact or a reply written here by mistake): nobody to answer.
      LOG.warnf("dead-lettering %s on %s", request.getClass().getSimpleName(), where(record));
      return List.of(answers.deadLetter(record, request.caId(), null, ErrorCode.UNREADABLE_REQUEST,
          "a " + request.getClass().getSimpleName() + " is no request; " + Topic.REQUESTS.topicName() + " carries requests only"));
    }
    CertificateRequested certificate = request instanceof CertificateRequested c ? c : null;
    if (certificate != null) {
      String missing = missingFields(certificate);
      if (missing != null) {
        LOG.warnf("dead-lettering certificate request without %s at %s", missing, where(record));
        return unauthenticatedOnly(record, answers.forUnreadable(record, ErrorCode.UNREADABLE_REQUEST,
            "payload is not a valid certificate request: " + missing + " missing", certificate.caId(), certificate.requestId(),
            certificate.requestedBy(), certificate.replyTopic()));
      }
      if (fleet) {
        // Before the rate limit: an unsigned record must not spend a real requester's budget.
        List<ProducerRecord<String, byte[]>> refused = unauthenticated(record, certificate, batch);
        if (refused != null) {
          return refused;
        }
        certificate = certificate.heldToRequesterPolicy();
        request = certificate;
      }
      // One request id at a time, whatever record keys its copies came with: the first is answered and recorded in
      // the batch before a copy is looked at, so a retry never leads to a second certificate.
      synchronized (batch.lockFor(RequestKey.of(certificate))) {
        // Retries of answered requests are cheap (no signature) and are not counted.
        if (!batch.requestAnswered(RequestKey.of(certificate)) && !rateLimiter.tryAcquire(certificate.requestedBy())) {
          LOG.infof("request %s refused: its requester is over the rate limit", certificate.requestId());
          return answers.rateLimited(certificate);
        }
        return handled(record, request, certificate, batch, fleet);
      }
    }
    return handled(record, request, null, batch, fleet);
  }

  /** The facts the handler decides on, their records, the answer to a certificate request, all recorded in the batch. */
  private List<ProducerRecord<String, byte[]>> handled(
      ConsumerRecord<String, byte[]> record, Event request, CertificateRequested certificate, Batch batch, boolean fleet) {
    List<Event> facts = handler.handle(request, batch, fleet ? Channel.fleet : Channel.rest);
    List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
    for (Event fact : facts) {
      out.add(codec.toRecord(fact));
    }
    if (certificate != null) {
      out.addAll(answers.forRequest(certificate, facts, batch, record));
    }
    facts.forEach(batch::record);
    return out;
  }

  /**
   * A fleet request must be signed by its requester's registered key. If it is not, it gets a refusal and a dead
   * letter but no fact: a forged record must not use up the request id of the requester it pretends to be.
   *
   * @return null when the request is authentic
   */
  private List<ProducerRecord<String, byte[]>> unauthenticated(
      ConsumerRecord<String, byte[]> record, CertificateRequested certificate, Batch batch) {
    Optional<RequesterRegistered> requester = batch.requester(certificate.requestedBy());
    if (requester.isEmpty()) {
      // Once per batch: a flood of unknown names must not make every record wait for the log's end.
      synchronized (this) {
        if (caughtUpFor != batch) {
          catchUp.run();
          caughtUpFor = batch;
        }
      }
      requester = batch.requester(certificate.requestedBy());
    }
    ErrorCode code;
    String detail;
    if (requester.isEmpty()) {
      code = ErrorCode.REQUESTER_UNKNOWN;
      detail = "requester " + certificate.requestedBy() + " is not registered (or was retired); requests on "
          + Topic.FLEET_REQUESTS.topicName() + " must name a registered requester in requestedBy";
    } else {
      detail = RequestSignatures.problem(certificate, requester.get());
      if (detail == null) {
        return null;
      }
      code = ErrorCode.SIGNATURE_INVALID;
    }
    LOG.warnf("refusing fleet request %s at %s: %s", certificate.requestId(), where(record), code);
    return unauthenticatedOnly(record,
        answers.forUnreadable(record, code, detail, certificate.caId(), certificate.requestId(), certificate.requestedBy(),
            certificate.replyTopic()));
  }

  /**
   * What is written for a fleet record that was not authenticated: the dead letter only. An answer would go to
   * the request id and reply topic the record names, so anyone able to write the fleet topic could put a refusal
   * in front of another requester's real answer. Records from eventca.requests (ca-service) are answered as before.
   */
  private static List<ProducerRecord<String, byte[]>> unauthenticatedOnly(
      ConsumerRecord<String, byte[]> record, List<ProducerRecord<String, byte[]>> answers) {
    if (!Topic.FLEET_REQUESTS.topicName().equals(record.topic())) {
      return answers;
    }
    return answers.stream().filter(r -> r.topic().equals(Topic.DEAD_LETTERS.topicName())).toList();
  }

  /** The fields without which nothing can be decided (the schema's required ones a decoder lets through as null). */
  private static String missingFields(CertificateRequested request) {
    List<String> missing = new ArrayList<>();
    if (request.requestId() == null) {
      missing.add("requestId");
    }
    if (request.csrPem() == null) {
      missing.add("csrPem");
    }
    if (request.profile() == null) {
      missing.add("profile");
    }
    return missing.isEmpty() ? null : String.join(", ", missing);
  }

  private static int size(ConsumerRecord<String, byte[]> record) {
    return record.value() == null ? 0 : record.value().length;
  }

  private static String where(ConsumerRecord<String, byte[]> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }
}
