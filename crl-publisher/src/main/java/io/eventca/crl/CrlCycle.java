package io.eventca.crl;

import io.eventca.crl.config.CrlConfig;
import io.eventca.crl.sign.CrlBuilder;
import io.eventca.crl.sign.CrlBuilder.CrlContent;
import io.eventca.crl.state.CaCrlState;
import io.eventca.crl.state.CrlProjection;
import io.eventca.custody.CaKeyCustody;
import io.eventca.events.crl.CrlPublished;
import io.eventca.events.envelope.EventCodec;
import java.security.PrivateKey;
import io.eventca.events.ids.CaId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.bouncycastle.cert.X509CRLHolder;
import org.jboss.logging.Logger;

/**
 * One pass over the CAs: for each CA whose CRL is due, (1) catch up on the log, so the number is the last
 * published one plus one, (2) build and sign the CRL, (3) record it as {@link CrlPublished}, (4) read it back,
 * so the next pass sees it and the HTTP endpoint serves what the log holds.
 */
public final class CrlCycle {
  private static final Logger LOG = Logger.getLogger(CrlCycle.class);

  private final CrlProjection projection;
  private final CaKeyCustody custody;
  private final Producer<String, byte[]> producer;
  private final CrlConfig config;
  private final Clock clock;
  private final BooleanSupplier catchUp;
  private final EventCodec codec = new EventCodec("crl-publisher");
  /** A CA whose CRL failed waits this long before the next try, so one broken CA cannot flood the log. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(30);
  private final Map<CaId, Instant> retryAt = new ConcurrentHashMap<>();

  public CrlCycle(
      CrlProjection projection, CaKeyCustody custody, Producer<String, byte[]> producer, CrlConfig config, Clock clock,
      BooleanSupplier catchUp) {
    this.projection = projection;
    this.custody = custody;
    this.producer = producer;
    this.config = config;
    this.clock = clock;
    this.catchUp = catchUp;
  }

  /** @return how many CRLs were published */
  public int runOnce() {
    int published = 0;
    for (CaCrlState ca : projection.all()) {
      Instant now = clock.instant();
      if (!ca.isDue(now, config.batchDelay(), config.refreshBefore(), config.keepExpired())
          || now.isBefore(retryAt.getOrDefault(ca.caId(), Instant.MIN))) {
        continue;
      }
      if (!catchUp.getAsBoolean()) {
        LOG.warn("the log could not be read to its end; CRLs wait for the next pass");
        return published;
      }
      if (!ca.isDue(clock.instant(), config.batchDelay(), config.refreshBefore(), config.keepExpired())) {
        continue; // another instance published it meanwhile
      }
      try {
        publish(ca);
        retryAt.remove(ca.caId());
        published++;
      } catch (RuntimeException e) {
        retryAt.put(ca.caId(), clock.instant().plus(RETRY_AFTER));
        LOG.errorf("cannot publish the CRL of CA %s (next try in %s): %s", ca.caId(), RETRY_AFTER, e.toString());
      }
    }
    if (published > 0) {
      catchUp.getAsBoolean();
    }
    return published;
  }

  private void publish(CaCrlState ca) {
    // CRL times have second precision on the wire; truncate so the event and the CRL agree.
    Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant nextUpdate = thisUpdate.plus(config.validity());
    long number = ca.nextCrlNumber();
    var revoked = ca.entriesAt(thisUpdate, config.keepExpired());
    PrivateKey key = custody.privateKey(ca.key());
    X509CRLHolder crl =
        CrlBuilder.build(new CrlContent(ca.certificate(), number, thisUpdate, nextUpdate, revoked), key, ca.digest());
    CrlPublished event =
        new CrlPublished(ca.caId(), number, thisUpdate, nextUpdate, revoked.size(), CrlBuilder.pem(CrlBuilder.der(crl)));
    try {
      producer.send(codec.toRecord(event)).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing a CRL", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot record CRL " + number + " of CA " + ca.caId(), e);
    }
    LOG.infof("CA %s: CRL %d published with %d entries, next update %s", ca.caId(), number, revoked.size(), nextUpdate);
  }
}
