package io.eventca.issuer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.events.Event;
import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.fleet.CertificateDelivered;
import io.eventca.events.fleet.CertificateRequestRefused;
import io.eventca.events.fleet.RequestDeadLettered;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.issuer.RequestHandler;
import io.eventca.issuer.TestCa;
import io.eventca.issuer.TestCsrs;
import io.eventca.issuer.TestIssuer;
import io.eventca.issuer.ca.CaCreator;
import io.eventca.issuer.issue.IssuanceCycle;
import io.eventca.lint.Linter;
import io.eventca.issuer.state.Batch;
import io.eventca.testkit.Csrs;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * What one record of eventca.requests leads to, without a broker: facts, the answer on the reply topic, dead
 * letters, retries, reused ids and the rate limit. One record per committed batch, as in a worker.
 */
class RecordAnswererTest {
  private static final String REQUESTS = Topic.REQUESTS.topicName();
  private static final String REPLIES = Topic.DEFAULT_REPLY_TOPIC;

  private final TestIssuer issuer = new TestIssuer();
  private final EventCodec codec = new EventCodec("test");
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Set<String> existingTopics = new HashSet<>(Set.of(REPLIES, "eventca.replies.svc-1"));
  private long offset;

  private RecordAnswerer answerer(double ratePerSecond, LongSupplier millis) {
    Clock clock = Clock.systemUTC();
    RequestHandler handler = new RequestHandler(
        new CaCreator(TestCa.CUSTODY, clock, TestIssuer.CRL_BASE, () -> {}),
        new IssuanceCycle(TestCa.CUSTODY, new Linter(), TestIssuer.CRL_BASE, clock, () -> {}));
    return new RecordAnswerer(handler, new Answers(new ReplyTopics(() -> existingTopics, millis)), new RateLimiter(ratePerSecond, nanos::get),
        65536);
  }

  private RecordAnswerer answerer() {
    return answerer(0, () -> 0L);
  }

  private List<ProducerRecord<String, byte[]>> when(RecordAnswerer answerer, ConsumerRecord<String, byte[]> record) {
    Batch batch = new Batch(issuer.state);
    List<ProducerRecord<String, byte[]>> out = answerer.answer(record, batch);
    batch.applyCommitted();
    return out;
  }

  private ConsumerRecord<String, byte[]> record(String key, byte[] value) {
    return new ConsumerRecord<>(REQUESTS, 0, offset++, key, value);
  }

  private ConsumerRecord<String, byte[]> record(Event event) {
    return record(event.caId().value(), codec.encode(event));
  }

  private static CertificateRequested request(CaId ca, String id, String csr, String replyTopic) {
    return new CertificateRequested(ca, new RequestId(id), csr, "server", 30, "svc-1", Instant.now(), replyTopic);
  }

  private static String csr(String commonName) {
    return Csrs.csrPem(Csrs.ecP256(), "CN=" + commonName);
  }

  private static Event decode(ProducerRecord<String, byte[]> record) {
    return EventCodec.decode(record.headers(), record.value()).payload();
  }

  private static List<ProducerRecord<String, byte[]>> on(List<ProducerRecord<String, byte[]>> out, String topic) {
    return out.stream().filter(r -> r.topic().equals(topic)).toList();
  }

  private static <T extends Event> T only(List<ProducerRecord<String, byte[]>> out, String topic, Class<T> type) {
    List<ProducerRecord<String, byte[]>> records = on(out, topic);
    assertThat(records).as("records on " + topic).hasSize(1);
    return type.cast(decode(records.get(0)));
  }

  @Test
  void givenARequestNamingAnExistingReplyTopic_thenTheFactAndOneDeliveryThere_keyedByRequesterAndRequestId_withTheChainUpToTheRoot() {
    CaCreated root = issuer.root("Fleet Root");
    CaCreated intermediate = issuer.intermediate(root.caId(), "Fleet Issuing CA", null);

    List<ProducerRecord<String, byte[]>> out =
        when(answerer(), record(request(intermediate.caId(), "svc-1-a", csr("a.fleet.internal"), "eventca.replies.svc-1")));

    CertificateIssued fact = only(out, Topic.ISSUANCE.topicName(), CertificateIssued.class);
    assertThat(fact.requestSha256()).hasSize(64);
    assertThat(on(out, "eventca.replies.svc-1")).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("svc-1/svc-1-a"));
    CertificateDelivered delivered = only(out, "eventca.replies.svc-1", CertificateDelivered.class);
    assertThat(delivered.serialNumber()).isEqualTo(fact.serialNumber());
    assertThat(delivered.certificatePem()).isEqualTo(fact.certificatePem());
    assertThat(delivered.chainPem()).isEqualTo(intermediate.certificatePem() + root.certificatePem());
    assertThat(delivered.repeated()).isNull();
    assertThat(out).hasSize(2);
  }

  @Test
  void givenAReplyTopicThatDoesNotExistOrIsAFactTopic_thenTheAnswerGoesToTheDefaultReplyTopic() {
    CaCreated ca = issuer.root("Fleet Root");
    RecordAnswerer answerer = answerer();

    List<ProducerRecord<String, byte[]>> missing = when(answerer, record(request(ca.caId(), "r-1", csr("a.example"), "eventca.nowhere")));
    List<ProducerRecord<String, byte[]>> facts = when(answerer, record(request(ca.caId(), "r-2", csr("b.example"), "eventca.issuance")));

    only(missing, REPLIES, CertificateDelivered.class);
    only(facts, REPLIES, CertificateDelivered.class);
    assertThat(on(facts, Topic.ISSUANCE.topicName())).singleElement().satisfies(r -> assertThat(decode(r)).isInstanceOf(CertificateIssued.class));
  }

  @Test
  void givenAReplyTopicThatIsNoEventcaTopicName_thenTheCertificateIsRecordedButNotAnswered() {
    CaCreated ca = issuer.root("Fleet Root");

    List<ProducerRecord<String, byte[]>> out = when(answerer(), record(request(ca.caId(), "r-1", csr("a.example"), "payments.secrets")));

    assertThat(out).singleElement().satisfies(r -> assertThat(decode(r)).isInstanceOf(CertificateIssued.class));
  }

  @Test
  void givenAnIssuedRequest_whenRetried_thenTheSameCertificateAsRepeated_andWhenTheIdIsReused_thenRefused_withoutNewFacts() {
    CaCreated ca = issuer.root("Fleet Root");
    RecordAnswerer answerer = answerer();
    CertificateRequested request = request(ca.caId(), "r-1", csr("a.example"), null);
    CertificateDelivered first = only(when(answerer, record(request)), REPLIES, CertificateDelivered.class);

    List<ProducerRecord<String, byte[]>> retry = when(answerer, record(request));
    List<ProducerRecord<String, byte[]>> reused = when(answerer, record(request(ca.caId(), "r-1", csr("other.example"), null)));

    CertificateDelivered again = only(retry, REPLIES, CertificateDelivered.class);
    assertThat(again.serialNumber()).isEqualTo(first.serialNumber());
    assertThat(again.certificatePem()).isEqualTo(first.certificatePem());
    assertThat(again.chainPem()).isEqualTo(ca.certificatePem());
    assertThat(again.repeated()).isTrue();
    assertThat(retry).hasSize(1);
    CertificateRequestRefused refused = only(reused, REPLIES, CertificateRequestRefused.class);
    assertThat(refused.code()).isEqualTo(ErrorCode.REQUEST_ID_REUSED.code());
    assertThat(reused).hasSize(1);
  }

  @Test
  void givenAFactWrittenBeforeFingerprints_whenItsIdComesAgain_thenItCountsAsARetry() {
    CaCreated ca = issuer.root("Fleet Root");
    CertificateIssued old = issuer.issue(request(ca.caId(), "old-1", csr("a.example"), null));
    issuer.state.apply(new CertificateIssued(old.caId(), new RequestId("old-2"), io.eventca.events.ids.SerialNumber.parse("0102030405060708"),
        old.subjectDn(), old.profile(), old.notBefore(), old.notAfter(), old.certificatePem(), old.host(), old.digest(), old.sha1OptIn()));

    List<ProducerRecord<String, byte[]>> out = when(answerer(), record(request(ca.caId(), "old-2", csr("whatever.example"), null)));

    assertThat(only(out, REPLIES, CertificateDelivered.class).repeated()).isTrue();
    assertThat(out).hasSize(1);
  }

  @Test
  void givenARejectedRequest_whenRetried_thenTheSameRefusalAgain_withoutANewFact() {
    CaCreated ca = issuer.root("Fleet Root");
    RecordAnswerer answerer = answerer();
    CertificateRequested tooLong = new CertificateRequested(ca.caId(), new RequestId("long-1"), csr("a.example"), "server", 5000, "svc-1",
        Instant.now(), null);
    List<ProducerRecord<String, byte[]>> first = when(answerer, record(tooLong));

    List<ProducerRecord<String, byte[]>> retry = when(answerer, record(tooLong));

    assertThat(only(first, Topic.ISSUANCE.topicName(), CertificateRejected.class).code()).isEqualTo(ErrorCode.BAD_VALIDITY.code());
    assertThat(on(first, Topic.DEAD_LETTERS.topicName())).as("a policy refusal is no garbage").isEmpty();
    assertThat(retry).hasSize(1);
    assertThat(only(retry, REPLIES, CertificateRequestRefused.class))
        .isEqualTo(only(first, REPLIES, CertificateRequestRefused.class));
  }

  @Test
  void givenReadableGarbage_thenTheRejectedFact_theRefusal_andADeadLetterEach() {
    CaCreated ca = issuer.root("Fleet Root");
    RecordAnswerer answerer = answerer();
    String valid = csr("x.example");

    List<ProducerRecord<String, byte[]>> unknownCa = when(answerer, record(request(CaId.random(), "g-ca", valid, null)));
    List<ProducerRecord<String, byte[]>> notPem = when(answerer, record(request(ca.caId(), "g-csr", "not a CSR", null)));
    List<ProducerRecord<String, byte[]>> badSignature =
        when(answerer, record(request(ca.caId(), "g-sig", TestCsrs.tamperedSignature(valid), null)));

    for (var out : List.of(unknownCa, notPem, badSignature)) {
      CertificateRejected fact = only(out, Topic.ISSUANCE.topicName(), CertificateRejected.class);
      assertThat(only(out, REPLIES, CertificateRequestRefused.class).code()).isEqualTo(fact.code());
      RequestDeadLettered dead = only(out, Topic.DEAD_LETTERS.topicName(), RequestDeadLettered.class);
      assertThat(dead.code()).isEqualTo(fact.code());
      assertThat(dead.requestId()).isEqualTo(fact.requestId());
      assertThat(dead.sourceTopic()).isEqualTo(REQUESTS);
    }
    assertThat(only(unknownCa, REPLIES, CertificateRequestRefused.class).code()).isEqualTo(ErrorCode.UNKNOWN_CA.code());
    assertThat(only(notPem, REPLIES, CertificateRequestRefused.class).code()).isEqualTo(ErrorCode.BAD_CSR.code());
    assertThat(only(badSignature, REPLIES, CertificateRequestRefused.class).code()).isEqualTo(ErrorCode.CSR_SIGNATURE_INVALID.code());
  }

  @Test
  void givenUnreadableRecords_thenADeadLetterEach_andARefusalWhereARequestIdCanBeRead() {
    RecordAnswerer answerer = answerer();
    String caId = CaId.random().value();

    List<ProducerRecord<String, byte[]>> notJson = when(answerer, record(null, "not JSON {".getBytes(StandardCharsets.UTF_8)));
    List<ProducerRecord<String, byte[]>> noValue = when(answerer, record("k", null));
    List<ProducerRecord<String, byte[]>> unknownType = when(answerer, record(caId, ("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/t\","
        + "\"type\":\"io.eventca.nothing.v1\",\"data\":{\"caId\":\"" + caId + "\",\"requestId\":\"u-1\",\"replyTopic\":\"eventca.replies.svc-1\"}}")
        .getBytes(StandardCharsets.UTF_8)));
    List<ProducerRecord<String, byte[]>> badReplyTopic = when(answerer, record(caId, ("{\"data\":{\"requestId\":\"u-2\",\"replyTopic\":\"other\"}}")
        .getBytes(StandardCharsets.UTF_8)));

    RequestDeadLettered first = only(notJson, Topic.DEAD_LETTERS.topicName(), RequestDeadLettered.class);
    assertThat(notJson).hasSize(1);
    assertThat(first.code()).isEqualTo(ErrorCode.UNREADABLE_REQUEST.code());
    assertThat(first.caId()).isEqualTo(CaId.UNKNOWN);
    assertThat(first.requestId()).isNull();
    assertThat(first.originalSize()).isEqualTo(10);
    assertThat(first.originalSha256()).hasSize(64);
    assertThat(new String(java.util.Base64.getDecoder().decode(first.originalBase64()), StandardCharsets.UTF_8)).isEqualTo("not JSON {");
    assertThat(notJson.get(0).key()).as("no source key: the CA id string").isEqualTo(CaId.UNKNOWN.value());
    assertThat(only(noValue, Topic.DEAD_LETTERS.topicName(), RequestDeadLettered.class).originalBase64()).isNull();
    assertThat(noValue.get(0).key()).isEqualTo("k");

    CertificateRequestRefused refused = only(unknownType, "eventca.replies.svc-1", CertificateRequestRefused.class);
    assertThat(refused.code()).isEqualTo(ErrorCode.UNREADABLE_REQUEST.code());
    assertThat(refused.caId().value()).isEqualTo(caId);
    assertThat(on(unknownType, "eventca.replies.svc-1").get(0).key()).as("no requester can be read: the id alone").isEqualTo("u-1");
    assertThat(only(unknownType, Topic.DEAD_LETTERS.topicName(), RequestDeadLettered.class).requestId()).isEqualTo(new RequestId("u-1"));
    assertThat(badReplyTopic).as("a reply topic that is no eventca name gets no answer").hasSize(1);
    only(badReplyTopic, Topic.DEAD_LETTERS.topicName(), RequestDeadLettered.class);
  }

  @Test
  void givenACertificateRequestMissingRequiredFields_thenDeadLetteredAsUnreadable_andNoFact() {
    CaCreated ca = issuer.root("Fleet Root");
    RecordAnswerer answerer = answerer();

    List<ProducerRecord<String, byte[]>> noCsr = when(answerer, record(request(ca.caId(), "m-1", null, null)));
    List<ProducerRecord<String, byte[]>> noId = when(answerer, record(new CertificateRequested(ca.caId(), null, csr("a.example"), "server", 30,
        "svc-1", Instant.now(), null)));

    assertThat(only(noCsr, Topic.DEAD_LETTERS.topicName(), RequestDeadLettered.class).detail()).contains("csrPem");
    assertThat(only(noCsr, REPLIES, CertificateRequestRefused.class).code()).isEqualTo(ErrorCode.UNREADABLE_REQUEST.code());
    assertThat(noCsr).hasSize(2);
    assertThat(only(noId, Topic.DEAD_LETTERS.topicName(), RequestDeadLettered.class).detail()).contains("requestId");
    assertThat(noId).hasSize(1);
    assertThat(issuer.state.answeredRequests()).isZero();
  }

  @Test
  void givenAnOversizedRecord_thenDeadLetteredAsTooLarge_withoutParsingItForARequestId() {
    byte[] big = ("{\"data\":{\"requestId\":\"big-1\"},\"pad\":\"" + "x".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);

    List<ProducerRecord<String, byte[]>> out = when(answerer(), record("k", big));

    RequestDeadLettered dead = only(out, Topic.DEAD_LETTERS.topicName(), RequestDeadLettered.class);
    assertThat(out).hasSize(1);
    assertThat(dead.code()).isEqualTo(ErrorCode.TOO_LARGE.code());
    assertThat(dead.originalSize()).isEqualTo(big.length);
    assertThat(java.util.Base64.getDecoder().decode(dead.originalBase64())).hasSize(RequestDeadLettered.MAX_ORIGINAL_BYTES);
  }

  @Test
  void givenAFactOnTheRequestTopic_thenItIsDeadLetteredAndNobodyIsAnswered() {
    CaCreated ca = issuer.root("Fleet Root");
    CertificateIssued issued = issuer.issue(request(ca.caId(), "f-1", csr("a.example"), null));

    List<ProducerRecord<String, byte[]>> out = when(answerer(), record(issued));

    assertThat(only(out, Topic.DEAD_LETTERS.topicName(), RequestDeadLettered.class).requestId()).isNull();
    assertThat(out).hasSize(1);
  }

  @Test
  void givenARateLimitOfOnePerSecond_whenARequesterSendsTwoAtOnce_thenTheSecondIsRefusedWithoutAFact_andItsRetryLaterIsIssued() {
    CaCreated ca = issuer.root("Fleet Root");
    RecordAnswerer answerer = answerer(1, () -> 0L);
    CertificateRequested first = request(ca.caId(), "rl-1", csr("a.example"), null);
    CertificateRequested second = request(ca.caId(), "rl-2", csr("b.example"), null);
    when(answerer, record(first));

    List<ProducerRecord<String, byte[]>> limited = when(answerer, record(second));
    List<ProducerRecord<String, byte[]>> retryOfTheFirst = when(answerer, record(first));
    nanos.addAndGet(1_000_000_000L);
    List<ProducerRecord<String, byte[]>> retryLater = when(answerer, record(second));

    assertThat(limited).hasSize(1);
    assertThat(only(limited, REPLIES, CertificateRequestRefused.class).code()).isEqualTo(ErrorCode.RATE_LIMITED.code());
    assertThat(only(retryOfTheFirst, REPLIES, CertificateDelivered.class).repeated()).as("answered retries are not counted").isTrue();
    only(retryLater, Topic.ISSUANCE.topicName(), CertificateIssued.class);
    assertThat(only(retryLater, REPLIES, CertificateDelivered.class).repeated()).isNull();
  }

  @Test
  void givenAnAnswerThatFailsUnexpectedly_thenTheRecordIsDeadLetteredAsInternalError_andNothingIsRecorded() {
    CaCreated ca = issuer.root("Fleet Root");
    RecordAnswerer broken = answerer(0, () -> {
      throw new IllegalStateException("clock broken");
    });

    List<ProducerRecord<String, byte[]>> out = when(broken, record(request(ca.caId(), "x-1", csr("a.example"), "eventca.replies.svc-1")));

    assertThat(out).hasSize(1);
    assertThat(only(out, Topic.DEAD_LETTERS.topicName(), RequestDeadLettered.class).code()).isEqualTo(ErrorCode.INTERNAL_ERROR.code());
    assertThat(issuer.state.answeredRequests()).as("no fact: a retry is answered afresh").isZero();
  }
}
