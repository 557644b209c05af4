package io.eventca.crl.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.crl.TestCa;
import io.eventca.crl.sign.CrlSigner;
import io.eventca.events.RevocationReason;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.crl.CrlPublished;
import io.eventca.events.crl.RevocationPublished;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.SerialNumber;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given events, then: what is due (full, delta or nothing), which numbers, which entries, which announcements. */
class CaCrlStateTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final String EMPTY_PEM = "-----BEGIN X509 CRL-----\n-----END X509 CRL-----\n";
  /** Small CAs (under 3 entries here) get a full CRL at every batch; larger ones a delta, and a full hourly. */
  private static final CrlPolicy POLICY = new CrlPolicy(Duration.ofHours(24), Duration.ofSeconds(1), Duration.ofHours(6),
      Duration.ZERO, 3, Duration.ofHours(1));

  private final TestCa ca = TestCa.rsa();
  private final CrlProjection projection = new CrlProjection(Clock.fixed(T0, ZoneOffset.UTC));
  private final List<CaCrlState.Draft> signed = new ArrayList<>();

  @Test
  void aCaWithoutItsKeyCannotSignAndIsNeverDue() {
    projection.apply(ca.created());

    assertThat(state().canSign()).isFalse();
    assertThat(state().plan(T0, POLICY)).isEqualTo(CrlPlan.NONE);
  }

  @Test
  void aNewCaGetsFullCrlOneAndDeltaTwoOnIt() {
    givenCa();

    assertThat(state().plan(T0, POLICY)).isEqualTo(CrlPlan.FULL);
    CaCrlState.Issue issue = prepare(CrlPlan.FULL, T0);

    assertThat(issue.crls()).extracting(CaCrlState.Signed::crlNumber).containsExactly(1L, 2L);
    assertThat(issue.crls()).extracting(CaCrlState.Signed::baseCrlNumber).containsExactly(null, 1L);
    assertThat(issue.announced()).isEmpty();
  }

  @Test
  void publishedFullAndDeltaCrlsAreNotDueUntilRefreshTime() {
    givenCa();
    givenPublished(1, 2, T0);

    assertThat(state().plan(T0.plusSeconds(60), POLICY)).isEqualTo(CrlPlan.NONE);
    assertThat(state().plan(T0.plus(Duration.ofHours(18)), POLICY)).as("nextUpdate - refreshBefore").isEqualTo(CrlPlan.FULL);
    assertThat(state().nextCrlNumber()).isEqualTo(3);
  }

  @Test
  void aFullCrlWithoutADeltaOnIt_asOlderLogsHave_getsOne() {
    givenCa();
    projection.apply(full(4, T0));

    assertThat(state().plan(T0.plusSeconds(5), POLICY)).isEqualTo(CrlPlan.DELTA);
    assertThat(prepare(CrlPlan.DELTA, T0.plusSeconds(5)).crls()).singleElement()
        .satisfies(delta -> {
          assertThat(delta.crlNumber()).isEqualTo(5);
          assertThat(delta.baseCrlNumber()).isEqualTo(4);
        });
  }

  @Test
  void aRevocationOfASmallCaMakesAFullCrlDueAfterTheBatchDelay_andIsAnnouncedWithIt() {
    givenCa();
    givenPublished(1, 2, T0.minusSeconds(30));
    projection.apply(revoked("a1", T0));

    assertThat(state().plan(T0.plusMillis(500), POLICY)).as("still batching").isEqualTo(CrlPlan.NONE);
    assertThat(state().plan(T0.plusSeconds(1), POLICY)).isEqualTo(CrlPlan.FULL);
    CaCrlState.Issue issue = prepare(CrlPlan.FULL, T0.plusSeconds(1));

    assertThat(issue.crls()).extracting(CaCrlState.Signed::crlNumber).containsExactly(3L, 4L);
    assertThat(issue.crls()).extracting(CaCrlState.Signed::entries).containsExactly(1, 1);
    assertThat(issue.announced()).singleElement().satisfies(a -> {
      assertThat(a.serialNumber().hex()).isEqualTo("a1");
      assertThat(a.crlNumber()).as("the first CRL that lists it").isEqualTo(3);
      assertThat(a.reason()).isEqualTo(RevocationReason.keyCompromise);
    });
  }

  @Test
  void aLargeCaGetsOnlyADeltaAfterARevocation_andAFullCrlOnceTheFullIsOlderThanTheInterval() {
    givenCa();
    for (String serial : List.of("a1", "a2", "a3")) {
      projection.apply(revoked(serial, T0.minusSeconds(600)));
      projection.apply(announced(serial, 1));
    }
    givenPublished(1, 2, T0.minusSeconds(60));
    projection.apply(revoked("b1", T0));

    assertThat(state().plan(T0.plusSeconds(1), POLICY)).isEqualTo(CrlPlan.DELTA);
    CaCrlState.Issue issue = prepare(CrlPlan.DELTA, T0.plusSeconds(1));
    assertThat(issue.crls()).singleElement().satisfies(delta -> {
      assertThat(delta.crlNumber()).isEqualTo(3);
      assertThat(delta.baseCrlNumber()).isEqualTo(1);
      assertThat(delta.entries()).as("only what came after the base, less the overlap").isEqualTo(1);
    });
    assertThat(serials(signed.get(0))).containsExactly(new BigInteger("b1", 16));
    assertThat(state().plan(T0.minusSeconds(60).plus(Duration.ofHours(1)), POLICY)).isEqualTo(CrlPlan.FULL);
  }

  @Test
  void aDeltaListsWhatItsBaseCouldNotList_evenARevocationStampedLongBeforeTheBase() {
    givenCa();
    for (String serial : List.of("a1", "a2", "a3")) {
      projection.apply(revoked(serial, T0.minus(Duration.ofMinutes(30))));
    }
    projection.apply(announced("a1", 1)); // on full CRL 1
    projection.apply(announced("a2", 1));
    projection.apply(announced("a3", 2)); // first listed by delta 2, after full 1 was built
    givenPublished(1, 2, T0);
    // Stamped by ca-service's clock an hour before the base, read only now (a retry through a broker outage).
    projection.apply(revoked("b1", T0.minus(Duration.ofHours(1))));

    prepare(CrlPlan.DELTA, T0.plusSeconds(11));

    assertThat(serials(signed.get(0))).containsExactlyInAnyOrder(new BigInteger("a3", 16), new BigInteger("b1", 16));
  }

  @Test
  void aCrlValidNoLongerThanItsRefreshLeadIsRefusedAtStartUp() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CrlPolicy(Duration.ofHours(1), Duration.ofSeconds(1),
            Duration.ofHours(6), Duration.ZERO, 3, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventca.crl.validity");
  }

  @Test
  void bytesBuiltHereAreServedOnlyForTheEventWithTheirHash_andAFullCrlNotHeldIsRebuilt() {
    givenCa();
    byte[] ours = {1, 2, 3};
    state().builtHere(5, new CaCrlState.Built(ours, "11".repeat(32)));
    // Another instance published its own CRL 5 by reference: our bytes are not that CRL.
    projection.apply(byReference(5, "22".repeat(32)));

    assertThat(state().full().held()).isFalse();
    assertThat(state().plan(T0.plusSeconds(1), POLICY)).as("this instance cannot serve it: rebuild").isEqualTo(CrlPlan.FULL);

    state().builtHere(6, new CaCrlState.Built(ours, "33".repeat(32)));
    projection.apply(byReference(6, "33".repeat(32)));
    assertThat(state().full().held()).isTrue();
    assertThat(state().full().der()).isEqualTo(ours);

    state().builtHere(7, new CaCrlState.Built(ours, "44".repeat(32)));
    state().notPublished(List.of(7L));
    projection.apply(byReference(7, "44".repeat(32))); // cannot happen after a failed write; shows the bytes are gone
    assertThat(state().full().held()).isFalse();
  }

  @Test
  void aFullCrlByReferenceIsHeldEvenWhenItsDeltaIsReadBackFirst() {
    givenCa();
    givenPublished(1, 2, T0);
    state().builtHere(3, new CaCrlState.Built(new byte[] {3}, "33".repeat(32)));
    state().builtHere(4, new CaCrlState.Built(new byte[] {4}, "44".repeat(32)));

    // The delta's partition is read before the full CRL's.
    projection.apply(new CrlPublished(ca.caId(), 4, T0, T0.plus(Duration.ofHours(24)), 0, null, 3L, "44".repeat(32), 1L,
        "http://node-a.example/crls/x-delta.crl"));
    projection.apply(byReference(3, "33".repeat(32)));

    assertThat(state().full().held()).isTrue();
    assertThat(state().delta().held()).isTrue();
    assertThat(state().plan(T0.plusSeconds(1), POLICY)).isEqualTo(CrlPlan.NONE);
  }

  @Test
  void aDeltaThatThisInstanceCannotServeIsReissued() {
    givenCa();
    projection.apply(full(1, T0));
    projection.apply(new CrlPublished(ca.caId(), 2, T0, T0.plus(Duration.ofHours(24)), 0, null, 1L, "55".repeat(32), 900_001L,
        "http://elsewhere.example/crls/x-delta.crl"));

    assertThat(state().delta().held()).isFalse();
    assertThat(state().plan(T0.plusSeconds(1), POLICY)).isEqualTo(CrlPlan.DELTA);
  }

  @Test
  void aBacklogOfRevocationsIsAnnouncedInBoundedTransactions_oldestFirst() {
    givenCa();
    givenPublished(1, 2, T0.minusSeconds(60));
    int backlog = CaCrlState.MAX_ANNOUNCED + 5;
    for (int i = 1; i <= backlog; i++) {
      projection.apply(revoked(Integer.toHexString(i), T0));
    }

    CaCrlState.Issue first = prepare(state().plan(T0.plusSeconds(1), POLICY), T0.plusSeconds(1));
    assertThat(first.announced()).hasSize(CaCrlState.MAX_ANNOUNCED);
    assertThat(first.announced().get(0).serialNumber().hex()).isEqualTo("1");
    first.announced().forEach(projection::apply);

    assertThat(state().plan(T0.plusSeconds(2), POLICY)).as("five still to announce").isNotEqualTo(CrlPlan.NONE);
    CaCrlState.Issue second = prepare(state().plan(T0.plusSeconds(2), POLICY), T0.plusSeconds(2));
    assertThat(second.announced()).extracting(a -> a.serialNumber().hex())
        .containsExactly(Integer.toHexString(backlog - 4), Integer.toHexString(backlog - 3), Integer.toHexString(backlog - 2),
            Integer.toHexString(backlog - 1), Integer.toHexString(backlog));
  }

  @Test
  void aRepeatedRevocationChangesNothing_andAnAnnouncedOneIsNotDueAgain() {
    givenCa();
    projection.apply(revoked("a1", T0));
    projection.apply(revoked("a1", T0));

    assertThat(state().revokedCount()).isEqualTo(1);
    givenPublished(1, 2, T0);
    assertThat(state().plan(T0.plusSeconds(5), POLICY)).as("a1 not announced yet").isEqualTo(CrlPlan.FULL);
    projection.apply(announced("a1", 1));
    assertThat(state().plan(T0.plusSeconds(5), POLICY)).isEqualTo(CrlPlan.NONE);
  }

  @Test
  void aFeedRecordReadBeforeItsRevocationStillCounts() {
    givenCa();
    givenPublished(1, 2, T0);
    projection.apply(announced("a1", 1));
    projection.apply(revoked("a1", T0));

    assertThat(state().plan(T0.plusSeconds(5), POLICY)).isEqualTo(CrlPlan.NONE);
  }

  @Test
  void crlNumbersOnlyGoUpWhateverOrderTheyAreReadIn_andFullAndDeltaShareOneSequence() {
    givenCa();
    projection.apply(full(41, T0));
    projection.apply(full(40, T0.plusSeconds(1)));
    projection.apply(delta(42, 41, T0));

    assertThat(state().full().event().crlNumber()).isEqualTo(41);
    assertThat(state().delta().event().crlNumber()).isEqualTo(42);
    assertThat(state().nextCrlNumber()).isEqualTo(43);
  }

  @Test
  void anExpiredCertificateLeavesTheCrlAfterTheKeepTime_andThatMakesANewFullCrlDue() {
    CrlPolicy keepAnHour = new CrlPolicy(POLICY.validity(), POLICY.batchDelay(), POLICY.refreshBefore(), Duration.ofHours(1),
        POLICY.deltaFrom(), POLICY.fullInterval());
    givenCa();
    Instant expiry = T0.plusSeconds(3600);
    projection.apply(new CertificateIssued(ca.caId(), RequestId.random(), new SerialNumber("a1"), "CN=a", "server",
        T0.minusSeconds(86400), expiry, "pem"));
    projection.apply(revoked("a1", T0));
    projection.apply(revoked("b2", T0)); // issued elsewhere or before the log began: its expiry is unknown, so it stays
    projection.apply(announced("a1", 1));
    projection.apply(announced("b2", 1));
    givenPublished(1, 2, T0);

    assertThat(state().plan(expiry.plusSeconds(1), keepAnHour)).isEqualTo(CrlPlan.NONE);
    assertThat(state().plan(expiry.plus(Duration.ofHours(1)), keepAnHour)).isEqualTo(CrlPlan.FULL);
    prepare(CrlPlan.FULL, expiry.plus(Duration.ofHours(1)), keepAnHour);

    assertThat(serials(signed.get(0))).containsExactly(new BigInteger("b2", 16));
    assertThat(state().listedCount()).isEqualTo(1);
  }

  private void givenCa() {
    projection.apply(ca.created());
    projection.apply(ca.keyStored());
  }

  private void givenPublished(long full, long delta, Instant at) {
    projection.apply(full(full, at));
    projection.apply(delta(delta, full, at));
  }

  private CaCrlState state() {
    return projection.find(ca.caId()).orElseThrow();
  }

  private CaCrlState.Issue prepare(CrlPlan plan, Instant at) {
    return prepare(plan, at, POLICY);
  }

  /** Signs for real and keeps what each draft listed, as the JDK reads the signed CRL back. */
  private CaCrlState.Issue prepare(CrlPlan plan, Instant at, CrlPolicy policy) {
    CrlSigner signer = new CrlSigner(ca.certificate(), io.eventca.custody.SignatureAlgorithms.signer(ca.keyPair().getPrivate(), "sha256"));
    return state().prepare(plan, at, policy, draft -> {
      byte[] der = signer.sign(draft, at, at.plus(policy.validity()), null);
      signed.add(draft);
      drafted.add(listedIn(der));
      return der;
    });
  }

  private final List<List<BigInteger>> drafted = new ArrayList<>();

  private static List<BigInteger> listedIn(byte[] der) {
    try {
      X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
      return crl.getRevokedCertificates() == null ? List.of()
          : crl.getRevokedCertificates().stream().map(X509CRLEntry::getSerialNumber).toList();
    } catch (Exception e) {
      throw new AssertionError("the signed CRL does not parse", e);
    }
  }

  private List<BigInteger> serials(CaCrlState.Draft draft) {
    return drafted.get(signed.indexOf(draft));
  }

  private CertificateRevoked revoked(String serial, Instant at) {
    return new CertificateRevoked(ca.caId(), new SerialNumber(serial), RevocationReason.keyCompromise, at, null, "test");
  }

  private RevocationPublished announced(String serial, long crlNumber) {
    return new RevocationPublished(ca.caId(), new SerialNumber(serial), RevocationReason.keyCompromise, T0, null, crlNumber);
  }

  private CrlPublished full(long number, Instant thisUpdate) {
    return new CrlPublished(ca.caId(), number, thisUpdate, thisUpdate.plus(Duration.ofHours(24)), 0, EMPTY_PEM);
  }

  private CrlPublished byReference(long number, String sha256) {
    return new CrlPublished(ca.caId(), number, T0, T0.plus(Duration.ofHours(24)), 0, null, null, sha256, 3L,
        "http://elsewhere.example/crls/x.crl");
  }

  private CrlPublished delta(long number, long base, Instant thisUpdate) {
    return new CrlPublished(ca.caId(), number, thisUpdate, thisUpdate.plus(Duration.ofHours(24)), 0, EMPTY_PEM, base, null,
        null, null);
  }
}
