package io.eventca.crl;

import io.eventca.crl.config.CrlConfig;
import io.eventca.crl.publish.CrlWriter;
import io.eventca.crl.sign.CrlSigner;
import io.eventca.crl.sign.Pem;
import io.eventca.crl.sign.UsableKeys;
import io.eventca.crl.state.CaCrlState;
import io.eventca.crl.state.CaCrlState.Issue;
import io.eventca.crl.state.CaCrlState.Signed;
import io.eventca.crl.state.CrlPlan;
import io.eventca.crl.state.CrlPolicy;
import io.eventca.crl.state.CrlProjection;
import io.eventca.custody.CaKeyCustody;
import io.eventca.events.Topic;
import io.eventca.events.crl.CrlPublished;
import io.eventca.events.crl.RevocationPublished;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.ids.CaId;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * One pass over the CAs this instance owns: for each CA with a CRL due, (1) catch up on the log, so the number
 * is the last published one plus one, (2) sign the full and/or delta CRL, (3) record them with the revocations
 * they announce in one transaction, (4) read them back, so the next pass sees them and HTTP serves what the log
 * holds.
 */
public final class CrlCycle {
  private static final Logger LOG = Logger.getLogger(CrlCycle.class);
  /** A CA whose CRL failed waits this long before the next try, so one broken CA cannot flood the log. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(30);

  private final CrlProjection projection;
  private final CaKeyCustody custody;
  private final UsableKeys usableKeys;
  private final CrlWriter writer;
  private final CrlConfig config;
  private final CrlPolicy policy;
  private final Clock clock;
  private final BooleanSupplier catchUp;
  private final EventCodec codec = new EventCodec("crl-publisher");
  private final Map<CaId, Instant> retryAt = new ConcurrentHashMap<>();
  /**
   * CRLs this instance committed and has not read back yet. A commit returns before its markers make the records
   * visible to read_committed readers, so a catch-up right after it may miss them; planning again before they are
   * read would number the same CRL twice.
   */
  private final Map<CaId, Written> unread = new ConcurrentHashMap<>();
  /** After this long an unread CRL is given up on (it cannot happen for a committed one); planning goes on. */
  static final Duration READ_BACK_WAIT = Duration.ofSeconds(60);

  private record Written(long crlNumber, Instant at) {}
  private final int maxPemBytes;

  public CrlCycle(
      CrlProjection projection, CaKeyCustody custody, CrlWriter writer, CrlConfig config, Clock clock, BooleanSupplier catchUp) {
    this(projection, custody, writer, config, config.maxEventBytes(), clock, catchUp);
  }

  /** @param maxPemBytes the largest CRL PEM an event carries whole (see {@link io.eventca.crl.publish.RecordLimit}) */
  public CrlCycle(CrlProjection projection, CaKeyCustody custody, CrlWriter writer, CrlConfig config, int maxPemBytes,
      Clock clock, BooleanSupplier catchUp) {
    this.maxPemBytes = maxPemBytes;
    this.projection = projection;
    this.custody = custody;
    this.usableKeys = new UsableKeys(() -> custody);
    this.writer = writer;
    this.config = config;
    this.policy = CrlPolicy.of(config);
    this.clock = clock;
    this.catchUp = catchUp;
  }

  /** @return how many CAs got new CRLs */
  public int runOnce() {
    int published = 0;
    for (CaCrlState ca : projection.all()) {
      Instant now = clock.instant();
      if (awaitingReadBack(ca, now)
          || ca.plan(now, policy) == CrlPlan.NONE
          || now.isBefore(retryAt.getOrDefault(ca.caId(), Instant.MIN))
          || !usableKeys.usable(ca.caId(), ca.key(), ca.certificate())) {
        continue;
      }
      // Lease first, then catch up: the number we derive must come from a log no earlier owner can still add to.
      CrlWriter.Lease lease = writer.lease(ca.caId());
      if (lease == null) {
        continue;
      }
      if (!catchUp.getAsBoolean()) {
        LOG.warn("the log could not be read to its end; CRLs wait for the next pass");
        return published;
      }
      CrlPlan plan = ca.plan(clock.instant(), policy);
      if (plan == CrlPlan.NONE) {
        continue; // what made it due was already published (by us before a restart, or by the previous owner)
      }
      try {
        publish(ca, plan, lease);
        retryAt.remove(ca.caId());
        published++;
      } catch (RuntimeException e) {
        retryAt.put(ca.caId(), clock.instant().plus(RETRY_AFTER));
        LOG.errorf("cannot publish the CRLs of CA %s (next try in %s): %s", ca.caId(), RETRY_AFTER, e.toString());
      }
    }
    if (published > 0) {
      catchUp.getAsBoolean();
    }
    return published;
  }

  private boolean awaitingReadBack(CaCrlState ca, Instant now) {
    Written written = unread.get(ca.caId());
    if (written == null) {
      return false;
    }
    if (ca.nextCrlNumber() > written.crlNumber() || !now.isBefore(written.at().plus(READ_BACK_WAIT))) {
      unread.remove(ca.caId(), written);
      return false;
    }
    return true;
  }

  private void publish(CaCrlState ca, CrlPlan plan, CrlWriter.Lease lease) {
    // CRL times have second precision on the wire; truncate so the event and the CRL agree.
    Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant nextUpdate = thisUpdate.plus(config.validity());
    CrlSigner signer = new CrlSigner(ca.certificate(), custody.signer(ca.key(), ca.digest()));
    String deltaUrl = url(config.baseUrl(), ca.caId(), true);
    Issue issue = ca.prepare(plan, thisUpdate, policy, draft -> signer.sign(draft, thisUpdate, nextUpdate, deltaUrl));

    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (Signed crl : issue.crls()) {
      CrlPublished event = event(ca, crl, thisUpdate, nextUpdate);
      if (event.crlPem() == null) {
        ca.builtHere(crl.crlNumber(), new CaCrlState.Built(crl.der(), event.crlSha256())); // before the commit, so the read-back finds it
      }
      records.add(codec.toRecord(Topic.CRLS.topicName(), event.recordKey(), event));
    }
    for (RevocationPublished announced : issue.announced()) {
      records.add(codec.toRecord(Topic.REVOCATION_FEED.topicName(), announced.recordKey(), announced));
    }
    try {
      writer.write(lease, records);
    } catch (RuntimeException e) {
      ca.notPublished(issue.crls().stream().map(Signed::crlNumber).toList());
      throw e;
    }
    unread.put(ca.caId(), new Written(issue.crls().get(issue.crls().size() - 1).crlNumber(), clock.instant()));
    for (Signed crl : issue.crls()) {
      LOG.infof("CA %s: %s CRL %d published with %d entries (%d bytes), next update %s", ca.caId(),
          crl.baseCrlNumber() == null ? "full" : "delta", crl.crlNumber(), crl.entries(), crl.der().length, nextUpdate);
    }
  }

  /** The CRL whole when it fits in a record; else by reference: where this instance serves it, and its hash. */
  private CrlPublished event(CaCrlState ca, Signed crl, Instant thisUpdate, Instant nextUpdate) {
    boolean whole = Pem.pemLength(crl.der().length) <= maxPemBytes;
    String pem = whole ? Pem.ofCrl(crl.der()) : null;
    String url = whole ? null : url(config.advertisedUrl().orElse(config.baseUrl()), ca.caId(), crl.baseCrlNumber() != null);
    return new CrlPublished(ca.caId(), crl.crlNumber(), thisUpdate, nextUpdate, crl.entries(), pem, crl.baseCrlNumber(),
        sha256(crl.der()), (long) crl.der().length, url);
  }

  /** {@code <base>/crls/<caId>.crl}, or {@code -delta.crl} for the delta CRL: what certificates point at. */
  public static String url(String base, CaId caId, boolean delta) {
    return base.replaceAll("/+$", "") + "/crls/" + caId.value() + (delta ? "-delta" : "") + ".crl";
  }

  static String sha256(byte[] der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
