package io.eventca.issuer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.events.Event;
import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.fleet.CertificateDelivered;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.issuer.RequestHandler;
import io.eventca.issuer.TestCa;
import io.eventca.issuer.TestIssuer;
import io.eventca.issuer.ca.CaCreator;
import io.eventca.issuer.issue.IssuanceCycle;
import io.eventca.lint.Linter;
import io.eventca.issuer.state.Batch;
import io.eventca.testkit.Csrs;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One polled batch answered on four threads (BatchAnswering over RecordAnswerer), without a broker: the answers come
 * back in the records' order, copies of one request id never lead to two certificates, serials stay unique, and a CA
 * created earlier in the batch issues later in it.
 */
class ParallelBatchTest {
  private static final String REQUESTS = Topic.REQUESTS.topicName();

  private final TestIssuer issuer = new TestIssuer();
  private final EventCodec codec = new EventCodec("test");
  private final BatchAnswering answering = new BatchAnswering(4);
  private final Set<String> threadsSeen = ConcurrentHashMap.newKeySet();
  private final RecordAnswerer answerer = answerer();
  private long offset;

  @AfterEach
  void close() {
    answering.close();
  }

  private RecordAnswerer answerer() {
    Clock clock = Clock.systemUTC();
    RequestHandler handler = new RequestHandler(
        new CaCreator(TestCa.CUSTODY, clock, TestIssuer.CRL_BASE, () -> {}),
        new IssuanceCycle(TestCa.CUSTODY, new Linter(), TestIssuer.CRL_BASE, clock, () -> {}));
    return new RecordAnswerer(handler, new Answers(new ReplyTopics(() -> Set.of(Topic.DEFAULT_REPLY_TOPIC), () -> 0L)),
        new RateLimiter(0, System::nanoTime), 65536);
  }

  private List<List<ProducerRecord<String, byte[]>>> whenOneBatch(List<ConsumerRecord<String, byte[]>> records) {
    Batch batch = new Batch(issuer.state);
    List<List<ProducerRecord<String, byte[]>>> out = answering.answerAll(records, record -> {
      threadsSeen.add(Thread.currentThread().getName());
      return answerer.answer(record, batch);
    });
    batch.applyCommitted();
    return out;
  }

  /** A record as ca-service writes it: keyed by the codec ({@code requester/<name>} for a certificate request). */
  private ConsumerRecord<String, byte[]> record(Event event) {
    return record(codec.toRecord(event).key(), event);
  }

  private ConsumerRecord<String, byte[]> record(String key, Event event) {
    return new ConsumerRecord<>(REQUESTS, 0, offset++, key, codec.encode(event));
  }

  private static CertificateRequested request(CaId ca, String requester, String id, String csr) {
    return new CertificateRequested(ca, new RequestId(id), csr, "server", 30, requester, Instant.now(), null);
  }

  private static List<Event> decoded(List<ProducerRecord<String, byte[]>> out, String topic) {
    return out.stream().filter(r -> r.topic().equals(topic)).map(r -> EventCodec.decode(r.headers(), r.value()).payload()).toList();
  }

  @Test
  void givenEightRequestersWithFiveRequestsEachAndARetryOfEach_whenOneBatch_thenFortyCertificatesWithDistinctSerials_answersInRecordOrder() {
    CaCreated ca = issuer.root("Parallel Root");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    List<CertificateRequested> sent = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      for (int r = 0; r < 8; r++) {
        CertificateRequested request = request(ca.caId(), "svc-" + r, "svc-" + r + "-" + n, Csrs.csrPem(Csrs.ecP256(), "CN=svc-" + r + "-" + n + ".example"));
        sent.add(request);
        records.add(record(request));
      }
    }
    for (int r = 0; r < 8; r++) {
      sent.add(sent.get(r));
      records.add(record(sent.get(r)));
    }

    List<List<ProducerRecord<String, byte[]>>> out = whenOneBatch(records);

    assertThat(out).hasSize(48);
    List<String> serials = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      CertificateDelivered delivered = (CertificateDelivered) decoded(out.get(i), Topic.DEFAULT_REPLY_TOPIC).get(0);
      assertThat(delivered.requestId()).as("answer %d belongs to record %d", i, i).isEqualTo(sent.get(i).requestId());
      List<Event> facts = decoded(out.get(i), Topic.ISSUANCE.topicName());
      if (i < 40) {
        assertThat(facts).singleElement().isInstanceOf(CertificateIssued.class);
        serials.add(((CertificateIssued) facts.get(0)).serialNumber().toString());
      } else {
        assertThat(facts).as("a retry leads to no new fact").isEmpty();
        assertThat(delivered.repeated()).isTrue();
        assertThat(delivered.serialNumber().toString()).isEqualTo(serials.get(i - 40));
      }
    }
    assertThat(serials).doesNotHaveDuplicates();
    assertThat(threadsSeen).as("the batch was answered on the pool's threads").hasSizeGreaterThan(1);
  }

  @Test
  void givenCopiesOfOneRequestIdUnderDifferentRecordKeys_whenOneBatch_thenOneCertificateAndEveryCopyGetsIt() {
    CaCreated ca = issuer.root("Parallel Root");
    CertificateRequested request = request(ca.caId(), "svc-1", "only-once", Csrs.csrPem(Csrs.ecP256(), "CN=once.example"));
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    for (int copy = 0; copy < 24; copy++) {
      // Keys a requester chose itself: they put the copies on different threads.
      records.add(record("requester/svc-1-" + copy, request));
    }

    List<List<ProducerRecord<String, byte[]>>> out = whenOneBatch(records);

    List<Event> facts = out.stream().flatMap(o -> decoded(o, Topic.ISSUANCE.topicName()).stream()).toList();
    assertThat(facts).singleElement().isInstanceOf(CertificateIssued.class);
    String serial = ((CertificateIssued) facts.get(0)).serialNumber().toString();
    assertThat(out).allSatisfy(o -> assertThat(((CertificateDelivered) decoded(o, Topic.DEFAULT_REPLY_TOPIC).get(0)).serialNumber().toString())
        .isEqualTo(serial));
  }

  @Test
  void givenACaCreationBetweenRequests_whenOneBatch_thenTheRequestsAfterItForTheNewCaAreIssued() {
    CaCreated root = issuer.root("Parallel Root");
    CaCreationRequested creation = TestIssuer.intermediateRequest(root.caId(), "Made In The Batch", null, 365);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    records.add(record(request(root.caId(), "svc-1", "before", Csrs.csrPem(Csrs.ecP256(), "CN=before.example"))));
    records.add(record(creation));
    for (int r = 0; r < 6; r++) {
      records.add(record(request(creation.caId(), "svc-" + r, "after-" + r, Csrs.csrPem(Csrs.ecP256(), "CN=after-" + r + ".example"))));
    }
    assertThat(BatchAnswering.isBarrier(records.get(1))).isTrue();
    assertThat(BatchAnswering.isBarrier(records.get(2))).isFalse();

    List<List<ProducerRecord<String, byte[]>>> out = whenOneBatch(records);

    assertThat(decoded(out.get(1), Topic.ISSUANCE.topicName())).singleElement().isInstanceOf(CaCreated.class);
    for (int i = 2; i < records.size(); i++) {
      assertThat(decoded(out.get(i), Topic.ISSUANCE.topicName())).singleElement()
          .isInstanceOfSatisfying(CertificateIssued.class, issued -> assertThat(issued.caId()).isEqualTo(creation.caId()));
    }
  }
}
