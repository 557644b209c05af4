package io.eventca.crl;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.crl.publish.CrlWriter;
import io.eventca.crl.state.CaCrlState;
import io.eventca.crl.state.CrlProjection;
import io.eventca.custody.CaKeyCustody;
import io.eventca.custody.Custodies;
import io.eventca.custody.CustodySettings;
import io.eventca.custody.KekWrappedCustody;
import io.eventca.events.Event;
import io.eventca.events.RevocationReason;
import io.eventca.events.Topic;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.crl.CrlPublished;
import io.eventca.events.crl.RevocationPublished;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cycle with real signing and a writer that hands every record straight back to the projection, as the log
 * would: given events, when the cycle runs, then the records it writes (and OpenSSL's verdict on the CRLs).
 */
class CrlCycleTest {
  /** Now, not a fixed day: OpenSSL checks the CRLs against its own clock. */
  private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  /** A second KEK, for the rotation cases. */
  private static final String KEK_2 = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";

  private final TestCa ca = TestCa.rsa();
  private final MutableClock clock = new MutableClock(T0);
  private final CrlProjection projection = new CrlProjection(clock);
  private final LoopbackWriter writer = new LoopbackWriter();

  @TempDir Path dir;

  @Test
  void midRotation_aKeyStillUnderThePreviousKekSignsItsCrl() throws Exception {
    givenCa(); // wrapped under kek-1
    CrlCycle cycle = cycle(TestCrlConfig.defaults(), Custodies.create(CustodySettings.ofKek("kek-2", KEK_2, List.of("kek-1=" + TestCa.TEST_KEK))));

    assertThat(cycle.runOnce()).isOne();

    CrlPublished full = written(CrlPublished.class).get(0);
    java.security.cert.X509CRL crl = (java.security.cert.X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCRL(new java.io.ByteArrayInputStream(full.crlPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    crl.verify(ca.keyPair().getPublic());
  }

  @Test
  void aCaWhoseKeyThisInstanceCannotUseIsSkipped_andTheOtherCasStillGetTheirCrls() {
    givenCa(); // wrapped under kek-1, which this instance no longer holds
    CaKeyCustody kek2Only = Custodies.create(CustodySettings.ofKek("kek-2", KEK_2, List.of()));
    TestCa other = TestCa.ec();
    projection.apply(other.created());
    projection.apply(kek2Only.store(other.caId(), other.keyPair()));
    CrlCycle cycle = cycle(TestCrlConfig.defaults(), kek2Only);

    assertThat(cycle.runOnce()).isOne();
    clock.advance(1);
    assertThat(cycle.runOnce()).as("the skipped CA is not tried (and failed) again at every pass").isZero();

    assertThat(written(CrlPublished.class)).extracting(CrlPublished::caId).isNotEmpty().containsOnly(other.caId());
  }

  @Test
  void anInstanceThatDoesNotOwnTheCaPublishesNothing() {
    givenCa();
    writer.owner = false;

    assertThat(cycle(TestCrlConfig.defaults()).runOnce()).isZero();
    assertThat(writer.written).isEmpty();
  }

  @Test
  void aLargeCaPublishesDeltasThatOpensslCombinesWithTheFullCrl() throws Exception {
    CrlCycle cycle = cycle(TestCrlConfig.defaults().withDeltaFrom(0)); // every CA counts as large: deltas only
    TestLeaf leaf = TestLeaf.issue(ca);
    givenCa();
    projection.apply(leaf.issued());
    cycle.runOnce();
    byte[] baseFull = state().full().der();
    byte[] firstDelta = state().delta().der();
    assertThat(written(CrlPublished.class)).extracting(CrlPublished::crlNumber, CrlPublished::baseCrlNumber)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, null), org.assertj.core.groups.Tuple.tuple(2L, 1L));

    projection.apply(new CertificateRevoked(ca.caId(), leaf.serial(), RevocationReason.keyCompromise, T0, null, "operator-1"));
    clock.advance(2);
    cycle.runOnce();

    CrlPublished delta = written(CrlPublished.class).get(2);
    assertThat(delta.crlNumber()).isEqualTo(3);
    assertThat(delta.baseCrlNumber()).as("still on full CRL 1: no full rebuild for the revocation").isEqualTo(1);
    assertThat(state().full().event().crlNumber()).isEqualTo(1);
    assertThat(written(RevocationPublished.class)).singleElement().satisfies(r -> {
      assertThat(r.serialNumber()).isEqualTo(leaf.serial());
      assertThat(r.crlNumber()).isEqualTo(3);
    });

    Path caPem = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
    Path leafPem = Files.writeString(dir.resolve("leaf.pem"), leaf.certificatePem());
    Path full = Files.writeString(dir.resolve("full.pem"), io.eventca.crl.sign.Pem.ofCrl(baseFull));
    Path oldDelta = Files.writeString(dir.resolve("delta-2.pem"), io.eventca.crl.sign.Pem.ofCrl(firstDelta));
    Path newDelta = Files.writeString(dir.resolve("delta-3.pem"), delta.crlPem());
    assertThat(verify(caPem, leafPem, full, oldDelta).output()).contains("leaf.pem: OK");
    Openssl.Run revoked = verify(caPem, leafPem, full, newDelta);
    assertThat(revoked.exitCode()).isNotZero();
    assertThat(revoked.output()).contains("certificate revoked");
    assertThat(Openssl.ok(dir, "crl", "-in", newDelta.toString(), "-noout", "-text"))
        .contains("Delta CRL Indicator", "Key Compromise");
  }

  @Test
  void aCrlLargerThanARecordTravelsByReference_andTheInstanceThatBuiltItServesIt() {
    CrlCycle cycle = cycle(TestCrlConfig.defaults().withMaxEventBytes(1024, "http://node-a.example:8082"));
    givenCa();
    givenRevocations(40);
    clock.advance(2);
    cycle.runOnce();

    CrlPublished full = written(CrlPublished.class).get(0);
    assertThat(full.crlPem()).isNull();
    assertThat(full.revokedCount()).isEqualTo(40);
    assertThat(full.crlUrl()).isEqualTo("http://node-a.example:8082/crls/" + ca.caId().value() + ".crl");
    assertThat(state().full().held()).isTrue();
    assertThat(full.crlSha256()).isEqualTo(CrlCycle.sha256(state().full().der()));
    assertThat(full.crlSize()).isEqualTo(state().full().der().length);
    assertThat(written(RevocationPublished.class)).hasSize(40);

    CrlProjection elsewhere = new CrlProjection(clock);
    writer.log.forEach(elsewhere::apply);
    assertThat(elsewhere.find(ca.caId()).orElseThrow().full().held()).as("another instance only has the reference").isFalse();
  }

  @Test
  void aFailingWriteIsRetriedAfterAPause_andNothingIsAnnouncedUntilItSucceeds() {
    CrlCycle cycle = cycle(TestCrlConfig.defaults().withMaxEventBytes(1024, "http://node-a.example:8082"));
    givenCa();
    givenRevocations(40);
    clock.advance(2);
    writer.failNext = true;

    assertThat(cycle.runOnce()).isZero();
    clock.advance(CrlCycle.RETRY_AFTER.toSeconds() - 1);
    assertThat(cycle.runOnce()).as("still pausing").isZero();
    assertThat(writer.log).isEmpty();
    assertThat(state().full()).isNull();

    clock.advance(1);
    assertThat(cycle.runOnce()).isEqualTo(1);
    assertThat(state().full().event().crlNumber()).as("the failed attempt used no number").isEqualTo(1);
    assertThat(state().full().held()).isTrue();
    assertThat(written(RevocationPublished.class)).hasSize(40);
  }

  @Test
  void aCommittedCrlNotReadBackYetIsNotNumberedAgain() {
    CrlCycle cycle = cycle(TestCrlConfig.defaults());
    givenCa();
    writer.readBack = false; // the commit markers are not visible to read_committed readers yet

    assertThat(cycle.runOnce()).isEqualTo(1);
    clock.advance(1);
    assertThat(cycle.runOnce()).as("waiting for its own CRLs to come back").isZero();
    assertThat(cycle.runOnce()).isZero();
    assertThat(writer.written).hasSize(1);

    writer.log.forEach(projection::apply);
    projection.apply(new CertificateRevoked(ca.caId(), SerialNumber.of(BigInteger.TEN), RevocationReason.superseded, T0, null,
        "operator-1"));
    clock.advance(2);
    assertThat(cycle.runOnce()).isEqualTo(1);
    assertThat(written(CrlPublished.class)).extracting(CrlPublished::crlNumber).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void aLeaseLostBetweenCatchUpAndWritePublishesNothing_andItsBytesAreNeverServed() {
    CrlCycle cycle = cycle(TestCrlConfig.defaults().withMaxEventBytes(1024, "http://node-a.example:8082"));
    givenCa();
    givenRevocations(40);
    clock.advance(2);
    writer.loseLeaseOnNextWrite = true;

    assertThat(cycle.runOnce()).isZero();
    assertThat(writer.log).isEmpty();
    // Another owner publishes CRL 1 meanwhile, by reference: this instance must not pair it with its own bytes.
    projection.apply(new CrlPublished(ca.caId(), 1, T0, T0.plusSeconds(86400), 40, null, null, "ab".repeat(32), 2000L,
        "http://node-b.example:8082/crls/" + ca.caId().value() + ".crl"));
    assertThat(state().full().held()).isFalse();
  }

  private Openssl.Run verify(Path caPem, Path leaf, Path full, Path delta) throws Exception {
    return Openssl.run(dir, "verify", "-crl_check", "-use_deltas", "-CAfile", caPem.toString(), "-CRLfile", full.toString(),
        "-CRLfile", delta.toString(), leaf.toString());
  }

  private CrlCycle cycle(TestCrlConfig config) {
    return cycle(config, KekWrappedCustody.fromBase64("kek-1", TestCa.TEST_KEK));
  }

  private CrlCycle cycle(TestCrlConfig config, CaKeyCustody custody) {
    return new CrlCycle(projection, custody, writer, config, clock, () -> true);
  }

  /** Enough revocations that the CRL outgrows a 1,024-byte event. */
  private void givenRevocations(int count) {
    for (int i = 1; i <= count; i++) {
      projection.apply(new CertificateRevoked(ca.caId(), SerialNumber.of(BigInteger.valueOf(1000 + i)), RevocationReason.superseded,
          T0, null, "operator-1"));
    }
  }

  private void givenCa() {
    projection.apply(ca.created());
    projection.apply(ca.keyStored());
  }

  private CaCrlState state() {
    return projection.find(ca.caId()).orElseThrow();
  }

  private <T extends Event> List<T> written(Class<T> type) {
    return writer.log.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Writes to a list and applies each record to the projection, as reading the log back would. */
  private final class LoopbackWriter implements CrlWriter {
    final List<List<ProducerRecord<String, byte[]>>> written = new ArrayList<>();
    final List<Event> log = new ArrayList<>();
    boolean owner = true;
    boolean failNext;
    boolean loseLeaseOnNextWrite;
    boolean readBack = true;
    private int leaseGeneration;

    private record TestLease(CaId caId, int generation) implements Lease {}

    @Override
    public Lease lease(CaId caId) {
      return owner ? new TestLease(caId, leaseGeneration) : null;
    }

    @Override
    public void write(Lease lease, List<ProducerRecord<String, byte[]>> records) {
      if (loseLeaseOnNextWrite) {
        loseLeaseOnNextWrite = false;
        leaseGeneration++; // as if the partition went to another instance and came back
      }
      if (((TestLease) lease).generation() != leaseGeneration) {
        throw new IllegalStateException("lease lost");
      }
      if (failNext) {
        failNext = false;
        throw new IllegalStateException("broker away");
      }
      written.add(records);
      for (ProducerRecord<String, byte[]> record : records) {
        Event event = EventCodec.decode(record.headers(), record.value()).payload();
        assertThat(record.topic()).isEqualTo(Topic.carrying(event.getClass()).topicName());
        assertThat(record.key()).isEqualTo(event instanceof CrlPublished c ? c.recordKey() : ((RevocationPublished) event).recordKey());
        log.add(event);
        if (readBack) {
          projection.apply(event);
        }
      }
    }
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      now = start;
    }

    void advance(long seconds) {
      now = now.plusSeconds(seconds);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
