package io.eventca.issuer.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventca.events.Event;
import io.eventca.events.Topic;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.cert.RequestKey;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.envelope.Json;
import io.eventca.events.fleet.CertificateDelivered;
import io.eventca.events.fleet.CertificateRequestRefused;
import io.eventca.events.fleet.RequestDeadLettered;
import io.eventca.events.fleet.RequestFingerprint;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.issuer.state.CaDirectory;
import io.eventca.issuer.state.RequestOutcome;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What goes back to requesters and what garbage leaves behind: the answer on the reply topic (keyed
 * {@code <requestedBy>/<requestId>}, {@link RequestKey}) for every certificate request, and a dead letter for every record that is not a usable request. The
 * processor sends these in the same transaction as the facts, so an answer exists exactly when its fact does.
 */
final class Answers {
  /** Refusals that mean the record was garbage, not a policy decision: these are dead-lettered too. */
  private static final Set<ErrorCode> GARBAGE = Set.of(ErrorCode.UNKNOWN_CA, ErrorCode.BAD_CSR, ErrorCode.CSR_SIGNATURE_INVALID);

  private final EventCodec codec = new EventCodec("issuer-worker");
  private final ReplyTopics replyTopics;

  Answers(ReplyTopics replyTopics) {
    this.replyTopics = replyTopics;
  }

  /**
   * The answer to a readable request. {@code facts} are what the handler decided now; when it decided nothing
   * the request was answered before: a retry (same fingerprint, or a fact too old to carry one) gets that answer
   * again, a different request under the same id is refused as request-id-reused.
   */
  List<ProducerRecord<String, byte[]>> forRequest(
      CertificateRequested request, List<Event> facts, CaDirectory directory, ConsumerRecord<String, byte[]> source) {
    List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
    RequestKey key = RequestKey.of(request);
    Optional<RequestOutcome> now = facts.stream().filter(f -> answers(f, key)).findFirst().map(RequestOutcome::of);
    Event reply;
    String replyKey = key.replyKey();
    if (now.isPresent()) {
      reply = reply(key, now.get(), directory, false);
      if (now.get() instanceof RequestOutcome.Rejected rejected) {
        ErrorCode.of(rejected.code()).filter(GARBAGE::contains)
            .ifPresent(code -> out.add(deadLetter(source, request.caId(), request.requestId(), code, rejected.detail())));
      }
    } else {
      Optional<RequestOutcome> earlier = directory.outcome(key);
      if (earlier.isEmpty()) {
        return out;
      }
      String asked = earlier.get().requestSha256();
      String fingerprint = RequestFingerprint.of(request);
      if (asked != null && !asked.equals(fingerprint)) {
        // Under a key of its own: the earlier answer (a delivered certificate, say) stays the latest under the request's.
        replyKey = key.reusedKey(fingerprint);
        reply = new CertificateRequestRefused(request.caId(), request.requestId(), ErrorCode.REQUEST_ID_REUSED.code(),
            "request id " + request.requestId() + " was already used for a different request; choose a new request id",
            request.requestedBy());
      } else {
        reply = reply(key, earlier.get(), directory, true);
      }
    }
    replyRecord(request.replyTopic(), replyKey, reply).ifPresent(out::add);
    return out;
  }

  /** Over the requester's rate: a refusal only, no fact, so the same request id may be sent again later. */
  List<ProducerRecord<String, byte[]>> rateLimited(CertificateRequested request) {
    CertificateRequestRefused refused = new CertificateRequestRefused(request.caId(), request.requestId(), ErrorCode.RATE_LIMITED.code(),
        "the requester is over its rate limit; send the same request again later", request.requestedBy());
    return replyRecord(request.replyTopic(), RequestKey.of(request).replyKey(), refused).stream().toList();
  }

  /**
   * A record that is no usable request: always a dead letter; a refusal too when a request id can be read from
   * it (best effort: {@code data.requestId}, {@code data.replyTopic}, {@code data.caId} of the JSON).
   *
   * @param parse whether the value may be parsed to look for a request id (not for oversized values)
   */
  List<ProducerRecord<String, byte[]>> forUnreadable(ConsumerRecord<String, byte[]> source, ErrorCode code, String detail, boolean parse) {
    JsonNode data = parse ? bestEffortData(source) : null;
    RequestId requestId = data == null ? null : requestId(text(data, "requestId"));
    CaId caId = data == null ? CaId.UNKNOWN : caId(text(data, "caId"));
    String replyTopic = data == null ? null : text(data, "replyTopic");
    String requestedBy = data == null ? null : text(data, "requestedBy");
    return forUnreadable(source, code, detail, caId, requestId, requestedBy, replyTopic);
  }

  /** As above, with what could be read of the request. */
  List<ProducerRecord<String, byte[]>> forUnreadable(ConsumerRecord<String, byte[]> source, ErrorCode code, String detail, CaId caId,
      RequestId requestId, String requestedBy, String replyTopic) {
    List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
    out.add(deadLetter(source, caId, requestId, code, detail));
    if (requestId != null) {
      RequestKey key = new RequestKey(requestedBy == null || requestedBy.contains("/") ? null : requestedBy, requestId);
      replyRecord(replyTopic, key.replyKey(), new CertificateRequestRefused(caId, requestId, code.code(), detail, key.requestedBy()))
          .ifPresent(out::add);
    }
    return out;
  }

  /** The dead letter alone, keyed by the source record's key (the CA id string when it has none). */
  ProducerRecord<String, byte[]> deadLetter(
      ConsumerRecord<String, byte[]> source, CaId caId, RequestId requestId, ErrorCode code, String detail) {
    byte[] value = source.value();
    String base64 = value == null
        ? null
        : Base64.getEncoder().encodeToString(Arrays.copyOf(value, Math.min(value.length, RequestDeadLettered.MAX_ORIGINAL_BYTES)));
    RequestDeadLettered dead = new RequestDeadLettered(caId, requestId, code.code(), detail, source.topic(), source.partition(),
        source.offset(), value == null ? 0 : value.length, sha256(value == null ? new byte[0] : value), base64);
    String key = source.key() != null ? source.key() : caId.value();
    return codec.toRecord(Topic.DEAD_LETTERS.topicName(), key, dead);
  }

  private Optional<ProducerRecord<String, byte[]>> replyRecord(String requestedTopic, String key, Event reply) {
    return replyTopics.resolve(requestedTopic).map(topic -> codec.toRecord(topic, key, reply));
  }

  private static boolean answers(Event fact, RequestKey key) {
    return (fact instanceof CertificateIssued i && i.requestKey().equals(key))
        || (fact instanceof CertificateRejected r && r.requestKey().equals(key));
  }

  private static Event reply(RequestKey key, RequestOutcome outcome, CaDirectory directory, boolean repeated) {
    if (outcome instanceof RequestOutcome.Issued i) {
      return new CertificateDelivered(i.caId(), key.requestId(), i.serialNumber(), i.certificatePem(), directory.chainPem(i.caId()),
          i.notBefore(), i.notAfter(), repeated ? Boolean.TRUE : null, key.requestedBy());
    }
    RequestOutcome.Rejected r = (RequestOutcome.Rejected) outcome;
    return new CertificateRequestRefused(r.caId(), key.requestId(), r.code(), r.detail(), key.requestedBy());
  }

  /**
   * The {@code data} object of a structured-mode CloudEvent, or the whole value of a binary-mode one (its
   * attributes are headers); null when the value is no JSON object. Never throws.
   */
  private static JsonNode bestEffortData(ConsumerRecord<String, byte[]> source) {
    if (source.value() == null) {
      return null;
    }
    try {
      JsonNode root = Json.MAPPER.readTree(source.value());
      if (root == null || !root.isObject()) {
        return null;
      }
      JsonNode data = root.path("data");
      if (data.isObject()) {
        return data;
      }
      boolean binaryMode = source.headers() != null && source.headers().lastHeader("ce_specversion") != null;
      return binaryMode ? root : null;
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static String text(JsonNode data, String field) {
    JsonNode node = data.get(field);
    return node != null && node.isTextual() ? node.textValue() : null;
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
