package io.eventca.crl.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.crl.TestCa;
import io.eventca.events.RevocationReason;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.crl.CrlPublished;
import io.eventca.events.ids.SerialNumber;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Given events, then: is a CRL due, and which number does it get. */
class CaCrlStateTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final Duration BATCH = Duration.ofSeconds(1);
  private static final Duration REFRESH_BEFORE = Duration.ofHours(6);

  private final TestCa ca = TestCa.rsa();
  private final CrlProjection projection = new CrlProjection(Clock.fixed(T0, ZoneOffset.UTC));

  @Test
  void aCaWithoutItsKeyCannotSignAndIsNeverDue() {
    projection.apply(ca.created());

    assertThat(state().canSign()).isFalse();
    assertThat(state().isDue(T0, BATCH, REFRESH_BEFORE)).isFalse();
  }

  @Test
  void aNewCaGetsCrlNumberOne() {
    givenCa();

    assertThat(state().isDue(T0, BATCH, REFRESH_BEFORE)).isTrue();
    assertThat(state().nextCrlNumber()).isEqualTo(1);
  }

  @Test
  void aPublishedCrlThatCoversEverythingIsNotDueUntilRefreshTime() {
    givenCa();
    projection.apply(crl(1, 0, T0));

    assertThat(state().isDue(T0.plusSeconds(60), BATCH, REFRESH_BEFORE)).isFalse();
    assertThat(state().isDue(T0.plus(Duration.ofHours(18)), BATCH, REFRESH_BEFORE)).as("nextUpdate - refreshBefore").isTrue();
    assertThat(state().nextCrlNumber()).isEqualTo(2);
  }

  @Test
  void aRevocationMakesTheCrlDueAfterTheBatchDelay() {
    givenCa();
    projection.apply(crl(1, 0, T0.minusSeconds(30)));
    projection.apply(revoked("a1"));

    assertThat(state().isDue(T0.plusMillis(500), BATCH, REFRESH_BEFORE)).as("still batching").isFalse();
    assertThat(state().isDue(T0.plusSeconds(1), BATCH, REFRESH_BEFORE)).isTrue();
  }

  @Test
  void aRepeatedRevocationChangesNothing() {
    givenCa();
    projection.apply(revoked("a1"));
    projection.apply(revoked("a1"));

    assertThat(state().revoked()).hasSize(1);
    projection.apply(crl(1, 1, T0));
    assertThat(state().isDue(T0.plusSeconds(5), BATCH, REFRESH_BEFORE)).isFalse();
  }

  @Test
  void crlNumbersOnlyGoUpWhateverOrderTheyAreReadIn() {
    givenCa();
    projection.apply(crl(41, 0, T0));
    projection.apply(crl(40, 0, T0.plusSeconds(1)));

    assertThat(state().latest().crlNumber()).isEqualTo(41);
    assertThat(state().nextCrlNumber()).isEqualTo(42);
  }

  @Test
  void anExpiredCertificateLeavesTheCrlAfterTheKeepTime_andThatMakesANewCrlDue() {
    givenCa();
    Instant expiry = T0.plusSeconds(3600);
    projection.apply(new io.eventca.events.cert.CertificateIssued(ca.caId(), io.eventca.events.ids.RequestId.random(),
        new SerialNumber("a1"), "CN=a", "server", T0.minusSeconds(86400), expiry, "pem"));
    projection.apply(revoked("a1"));
    projection.apply(revoked("b2")); // issued elsewhere or before the log began: its expiry is unknown, so it stays
    projection.apply(crl(1, 2, T0));

    Duration keep = Duration.ofHours(1);
    assertThat(state().entriesAt(expiry.plusSeconds(1), keep)).hasSize(2);
    assertThat(state().isDue(expiry.plusSeconds(1), BATCH, REFRESH_BEFORE, keep)).isFalse();
    assertThat(state().entriesAt(expiry.plus(keep), keep)).extracting(e -> e.serialNumber().hex()).containsExactly("b2");
    assertThat(state().isDue(expiry.plus(keep), BATCH, REFRESH_BEFORE, keep)).isTrue();
    assertThat(state().entriesAt(expiry, Duration.ZERO)).hasSize(1);
  }

  private void givenCa() {
    projection.apply(ca.created());
    projection.apply(ca.keyStored());
  }

  private CaCrlState state() {
    return projection.find(ca.caId()).orElseThrow();
  }

  private CertificateRevoked revoked(String serial) {
    return new CertificateRevoked(ca.caId(), new SerialNumber(serial), RevocationReason.keyCompromise, T0, null, "test");
  }

  private CrlPublished crl(long number, int count, Instant thisUpdate) {
    return new CrlPublished(ca.caId(), number, thisUpdate, thisUpdate.plus(Duration.ofHours(24)), count, "-----BEGIN X509 CRL-----\n-----END X509 CRL-----\n");
  }
}
