package io.eventca.issuer.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventca.events.Event;
import io.eventca.events.Topic;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.cert.RejectionCode;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.envelope.Json;
import io.eventca.events.fleet.CertificateDelivered;
import io.eventca.events.fleet.CertificateRequestRefused;
import io.eventca.events.fleet.RequestDeadLettered;
import io.eventca.events.fleet.RequestFingerprint;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.issuer.state.CaDirectory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * What goes back to requesters and what garbage leaves behind: the answer on the reply topic (keyed by request
 * id) for every certificate request, and a dead letter for every record that is not a usable request. The
 * processor sends these in the same transaction as the facts, so an answer exists exactly when its fact does.
 */
final class Answers {
  private static final Logger LOG = Logger.getLogger(Answers.class);
  static final Pattern REPLY_TOPIC = Pattern.compile("eventca\\.[A-Za-z0-9._-]{1,200}");
  /** Refusals that mean the record was garbage, not a policy decision: these are dead-lettered too. */
  private static final Set<String> GARBAGE =
      Set.of(RejectionCode.UNKNOWN_CA, RejectionCode.BAD_CSR, RejectionCode.CSR_SIGNATURE_INVALID);

  private final EventCodec codec = new EventCodec("issuer-worker");
  private final Predicate<String> topicExists;

  /** @param topicExists whether a topic other than the default reply topic may be written (it must exist) */
  Answers(Predicate<String> topicExists) {
    this.topicExists = topicExists;
  }

  /**
   * The answer to a readable request. {@code facts} are what the handler decided now; when it decided nothing
   * the request was answered before: a retry gets that answer again, a different request under the same id is
   * refused.
   */
  List<ProducerRecord<String, byte[]>> forRequest(
      CertificateRequested request, List<Event> facts, CaDirectory directory, ConsumerRecord<String, byte[]> source) {
    List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
    Optional<Event> now = facts.stream().filter(f -> answers(f, request.requestId())).findFirst();
    Event reply;
    if (now.isPresent()) {
      reply = reply(now.get(), directory, false);
      if (now.get() instanceof CertificateRejected rejected && GARBAGE.contains(rejected.code())) {
        out.add(deadLetter(source, request.caId(), request.requestId(), rejected.code(), rejected.detail()));
      }
    } else {
      Optional<Event> earlier = directory.outcome(request.requestId());
      if (earlier.isEmpty()) {
        return out;
      }
      String asked = fingerprint(earlier.get());
      if (asked != null && !asked.equals(RequestFingerprint.of(request))) {
        reply = new CertificateRequestRefused(request.caId(), request.requestId(), RejectionCode.REQUEST_ID_REUSED,
            "request id " + request.requestId() + " was already used for a different request; choose a new request id");
      } else {
        reply = reply(earlier.get(), directory, true);
      }
    }
    out.add(codec.toRecord(replyTopic(request.replyTopic()), request.requestId().value(), reply));
    return out;
  }

  /** Over the requester's rate: a refusal only, no fact, so the same request id may be sent again later. */
  List<ProducerRecord<String, byte[]>> rateLimited(CertificateRequested request) {
    CertificateRequestRefused refused = new CertificateRequestRefused(request.caId(), request.requestId(), RejectionCode.RATE_LIMITED,
        "requester " + request.requestedBy() + " is over its rate limit; send the same request again later");
    return List.of(codec.toRecord(replyTopic(request.replyTopic()), request.requestId().value(), refused));
  }

  /**
   * A record that is no request at all: always a dead letter; a refusal too when a request id can be read from it.
   *
   * @param readable whether the value may be parsed to look for a request id (not for oversized values)
   */
  List<ProducerRecord<String, byte[]>> forUnreadable(
      ConsumerRecord<String, byte[]> source, String code, String detail, boolean readable) {
    JsonNode data = readable ? bestEffortData(source.value()) : null;
    RequestId requestId = data == null ? null : requestId(data.path("requestId").asText(null));
    CaId caId = data == null ? CaId.UNKNOWN : caId(data.path("caId").asText(null));
    List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
    out.add(deadLetter(source, caId, requestId, code, detail));
    if (requestId != null) {
      String topic = replyTopic(data.path("replyTopic").asText(null));
      out.add(codec.toRecord(topic, requestId.value(), new CertificateRequestRefused(caId, requestId, code, detail)));
    }
    return out;
  }

  private ProducerRecord<String, byte[]> deadLetter(
      ConsumerRecord<String, byte[]> source, CaId caId, RequestId requestId, String code, String detail) {
    byte[] value = source.value();
    String base64 = value == null
        ? null
        : Base64.getEncoder().encodeToString(Arrays.copyOf(value, Math.min(value.length, RequestDeadLettered.MAX_ORIGINAL_BYTES)));
    RequestDeadLettered dead = new RequestDeadLettered(caId, requestId, code, detail, source.topic(), source.partition(),
        source.offset(), value == null ? 0 : value.length, sha256(value == null ? new byte[0] : value), base64);
    String key = source.key() != null ? source.key() : caId.value();
    return codec.toRecord(Topic.DEAD_LETTERS.topicName(), key, dead);
  }

  private static boolean answers(Event fact, RequestId requestId) {
    return (fact instanceof CertificateIssued i && i.requestId().equals(requestId))
        || (fact instanceof CertificateRejected r && r.requestId().equals(requestId));
  }

  private static Event reply(Event fact, CaDirectory directory, boolean repeated) {
    if (fact instanceof CertificateIssued i) {
      return new CertificateDelivered(i.caId(), i.requestId(), i.serialNumber(), i.certificatePem(), directory.chainPem(i.caId()),
          i.notBefore(), i.notAfter(), repeated ? Boolean.TRUE : null);
    }
    CertificateRejected r = (CertificateRejected) fact;
    return new CertificateRequestRefused(r.caId(), r.requestId(), r.code(), r.detail());
  }

  private static String fingerprint(Event fact) {
    if (fact instanceof CertificateIssued i) {
      return i.requestSha256();
    }
    return fact instanceof CertificateRejected r ? r.requestSha256() : null;
  }

  /** The requested topic when it is an existing eventca.* topic; otherwise the default one. */
  String replyTopic(String requested) {
    if (requested == null || requested.equals(Topic.DEFAULT_REPLY_TOPIC)) {
      return Topic.DEFAULT_REPLY_TOPIC;
    }
    if (REPLY_TOPIC.matcher(requested).matches() && topicExists.test(requested)) {
      return requested;
    }
    LOG.warnf("reply topic %s is not an existing eventca.* topic; answering on %s",
        requested.length() > 80 ? requested.substring(0, 80) + "..." : requested, Topic.DEFAULT_REPLY_TOPIC);
    return Topic.DEFAULT_REPLY_TOPIC;
  }

  private static JsonNode bestEffortData(byte[] value) {
    if (value == null) {
      return null;
    }
    try {
      JsonNode data = Json.MAPPER.readTree(value).path("data");
      return data.isObject() ? data : null;
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static RequestId requestId(String text) {
    try {
      return text == null ? null : new RequestId(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static CaId caId(String text) {
    try {
      return text == null ? CaId.UNKNOWN : new CaId(text);
    } catch (RuntimeException e) {
      return CaId.UNKNOWN;
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
