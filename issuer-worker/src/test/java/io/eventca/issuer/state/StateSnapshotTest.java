package io.eventca.issuer.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.events.Event;
import io.eventca.events.Topic;
import io.eventca.events.Topics;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.ids.RequestId;
import io.eventca.issuer.TestIssuer;
import io.eventca.service.KafkaClients;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up from a snapshot against a real broker: the same state as a whole replay, from fewer records. */
class StateSnapshotTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static String bootstrap;
  private static Admin admin;
  private static EventProbe probe;
  private static final TestIssuer ISSUER = new TestIssuer();
  private static CaCreated ca;

  @TempDir Path dir;

  @BeforeAll
  static void broker() {
    bootstrap = KafkaBroker.bootstrapServers();
    admin = Admin.create(KafkaClients.admin(bootstrap, "snapshot-test"));
    Topics.ensureAll(admin, 3, (short) 1);
    probe = new EventProbe(bootstrap);
    List<Event> created = ISSUER.when(TestIssuer.rootRequest("Snapshot CA"));
    created.forEach(probe::publish);
    ca = created.stream().filter(CaCreated.class::isInstance).map(CaCreated.class::cast).findFirst().orElseThrow();
  }

  @AfterAll
  static void close() {
    probe.close();
    admin.close();
  }

  private static CertificateIssued issued(String name) {
    CertificateRequested request = new CertificateRequested(ca.caId(), RequestId.random(), Csrs.csrPem(Csrs.ecP256(), "CN=" + name),
        "server", 30, "svc-snap", Instant.now(), null);
    CertificateIssued fact = ISSUER.issue(request);
    probe.publish(fact);
    return fact;
  }

  /** A worker's state as a fresh start builds it; the caller closes what it returns. */
  private record Started(CaState state, CaStateReader reader, KafkaFactFetcher fetcher) implements AutoCloseable {
    @Override
    public void close() {
      reader.close();
      fetcher.close();
    }
  }

  private Started start(int snapshotEvery) {
    return start(snapshotEvery, Duration.ZERO);
  }

  private Started start(int snapshotEvery, Duration horizon) {
    KafkaFactFetcher fetcher = new KafkaFactFetcher(bootstrap, "snapshot-test-facts");
    CaState state = new CaState(fetcher, horizon, java.time.Clock.systemUTC());
    CaStateReader reader = CaStateReader.start(bootstrap, "snapshot-test", admin, state, new StateSnapshot(dir), snapshotEvery);
    assertThat(reader.catchUp(WAIT)).isTrue();
    return new Started(state, reader, fetcher);
  }

  private static void assertKnows(CaState state, List<CertificateIssued> facts) {
    assertThat(state.issuingCa(ca.caId())).isPresent();
    for (CertificateIssued fact : facts) {
      assertThat(state.requestAnswered(fact.requestKey())).isTrue();
      assertThat(state.serialUsed(fact.caId(), fact.serialNumber().toBigInteger())).isTrue();
      RequestOutcome.Issued outcome = (RequestOutcome.Issued) state.outcome(fact.requestKey()).orElseThrow();
      assertThat(outcome.certificatePem()).isEqualTo(fact.certificatePem());
    }
  }

  @Test
  void givenASnapshot_whenAWorkerStarts_thenItReadsOnlyTheFactsAfterIt_andKnowsWhatAWholeReplayKnows() throws Exception {
    List<CertificateIssued> facts = new ArrayList<>(List.of(issued("before-1.snap.internal"), issued("before-2.snap.internal")));
    long wholeReplay;
    try (Started first = start(1_000_000)) {
      wholeReplay = first.reader().issuanceRead();
    } // the snapshot is written at close
    assertThat(new StateSnapshot(dir).header()).isPresent();
    facts.add(issued("after.snap.internal"));

    try (Started second = start(1_000_000)) {
      assertKnows(second.state(), facts);
      assertThat(second.reader().issuanceRead()).isBetween(1L, wholeReplay - 2);
      // The answers before the snapshot are read back from the log by where they lie.
      assertThat(second.fetcher().reads()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void givenADamagedSnapshot_whenAWorkerStarts_thenItReadsTheWholeTopic() throws Exception {
    List<CertificateIssued> facts = List.of(issued("damaged.snap.internal"));
    long wholeReplay;
    try (Started first = start(1_000_000)) {
      wholeReplay = first.reader().issuanceRead();
    }
    Path file = new StateSnapshot(dir).file();
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    assertThat(new StateSnapshot(dir).header()).isEmpty();

    try (Started second = start(1_000_000)) {
      assertKnows(second.state(), facts);
      assertThat(second.reader().issuanceRead()).isGreaterThanOrEqualTo(wholeReplay);
    }
  }

  @Test
  void givenASnapshotOfAnotherTopic_whenAWorkerStarts_thenItIsNotUsed() throws Exception {
    List<CertificateIssued> facts = List.of(issued("other-topic.snap.internal"));
    long wholeReplay;
    try (Started first = start(1_000_000)) {
      wholeReplay = first.reader().issuanceRead();
    }
    // A topic deleted and created again has a new topic id; offsets in an old snapshot mean nothing there.
    StateSnapshot snapshot = new StateSnapshot(dir);
    long[] positions = snapshot.header().orElseThrow().positions();
    snapshot.write(new CaState(), "AAAAAAAAAAAAAAAAAAAAAA", positions);

    try (Started second = start(1_000_000)) {
      assertKnows(second.state(), facts);
      assertThat(second.reader().issuanceRead()).isGreaterThanOrEqualTo(wholeReplay);
    }
  }

  /** Its spans mean nothing under another horizon: a forever span read under 30 days would be dropped at once. */
  @Test
  void givenASnapshotTakenUnderAnotherRetryHorizon_whenAWorkerStarts_thenItIsNotUsed() throws Exception {
    List<CertificateIssued> facts = List.of(issued("horizon.snap.internal"));
    long wholeReplay;
    try (Started first = start(1_000_000, Duration.ZERO)) {
      wholeReplay = first.reader().issuanceRead();
    }
    assertThat(new StateSnapshot(dir).header().orElseThrow().horizonMillis()).isZero();

    try (Started second = start(1_000_000, Duration.ofDays(30))) {
      assertKnows(second.state(), facts);
      assertThat(second.reader().issuanceRead()).isGreaterThanOrEqualTo(wholeReplay);
    }
  }

  @Test
  void aTableWrittenAndReadBack_holdsTheSameNames_withoutTheUnlocatedOnes() throws Exception {
    HashTable128 table = new HashTable128();
    for (int i = 0; i < 5_000; i++) {
      table.putIfAbsent(HashTable128.name("n" + i), i % 10 == 0 ? RequestLedger.UNLOCATED : i);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TableSnapshot.write(table, table, new DataOutputStream(bytes), v -> v != RequestLedger.UNLOCATED);
    HashTable128 back = new HashTable128();
    TableSnapshot.read(back, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(back.size()).isEqualTo(4_500);
    for (int i = 0; i < 5_000; i++) {
      assertThat(back.get(HashTable128.name("n" + i))).isEqualTo(i % 10 == 0 ? HashTable128.NO_VALUE : i);
    }
  }
}
