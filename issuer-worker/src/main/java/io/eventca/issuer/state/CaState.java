package io.eventca.issuer.state;

import io.eventca.events.Event;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.ids.CaId;
import io.eventca.events.cert.RequestKey;
import io.eventca.events.registry.CaRetired;
import io.eventca.events.registry.RequesterRegistered;
import io.eventca.events.registry.RequesterRetired;
import io.eventca.checks.csr.KeyQuality;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.jboss.logging.Logger;

/**
 * The worker's memory, a projection of {@code eventca.ca-keys}, {@code eventca.issuance} and {@code eventca.registry}
 * (the registered requesters and the retired CAs): per CA its
 * certificate and wrapped key, the answered request ids ({@link RequestLedger}: 24 bytes each, the answer itself read
 * back from the log for a retry) and the used serials (a 128-bit name each, {@link HashTable128}). Applying an event
 * twice changes nothing, so the reader and the processor may both apply the same committed event.
 */
public final class CaState implements CaDirectory {
  private static final Logger LOG = Logger.getLogger(CaState.class);

  private record Created(CaCreated event, X509CertificateHolder certificate) {}

  private final Map<CaId, Created> created = new ConcurrentHashMap<>();
  private final Map<CaId, CaKeyStored> keys = new ConcurrentHashMap<>();
  private final Map<CaId, CaCreationFailed> failures = new ConcurrentHashMap<>();
  private final RequestLedger ledger;
  /** Names of "caId/serial hex"; a false "used" (chance 2^-128) only makes the cycle draw another serial. */
  private final AgedTable serials;
  private final Clock clock;
  private final Set<SubjectPublicKeyInfo> caKeys = ConcurrentHashMap.newKeySet();
  private final Map<CaId, CaRetired> retired = new ConcurrentHashMap<>();
  private final Map<String, RequesterRegistered> requesters = new ConcurrentHashMap<>();

  /** A state that cannot read answers back from the log and forgets nothing: for a batch's pending events and for tests. */
  public CaState() {
    this(null);
  }

  /** @param fetcher reads a retry's answer back from eventca.issuance */
  public CaState(FactFetcher fetcher) {
    this(fetcher, AgedTable.FOREVER, Clock.systemUTC());
  }

  /**
   * @param horizon how long answered request ids and used serials are remembered from their answer (docs/ISSUANCE-CYCLE.md,
   *     step 0); {@link Duration#ZERO} for always
   */
  public CaState(FactFetcher fetcher, Duration horizon, Clock clock) {
    this.clock = clock;
    this.ledger = new RequestLedger(fetcher, horizon, clock);
    this.serials = new AgedTable(horizon, clock);
  }

  /** The retry horizon in milliseconds, 0 for forever. */
  long horizonMillis() {
    return serials.horizonMillis();
  }

  /** An event whose place in the log is not known (yet): the processor's own, just committed. */
  public void apply(Event event) {
    apply(event, RequestLedger.UNLOCATED, null);
  }

  /** As {@link #apply(Event, long, Instant)}, answered now. */
  public void apply(Event event, long location) {
    apply(event, location, null);
  }

  /**
   * @param location where an answer lies on eventca.issuance ({@link RequestLedger#location}); ignored for other events
   * @param answeredAt when the fact was written (its CloudEvent time), null for now: the horizon counts from then
   */
  public void apply(Event event, long location, Instant answeredAt) {
    long at = answeredAt == null ? clock.millis() : Math.min(answeredAt.toEpochMilli(), clock.millis());
    if (event instanceof CaKeyStored stored) {
      keys.put(stored.caId(), stored);
    } else if (event instanceof CaCreated ca) {
      X509CertificateHolder certificate = parse(ca);
      // The first CaCreated of a CA stands: a later one (which the issuer never writes) cannot swap its certificate.
      Created first = certificate == null ? null : created.putIfAbsent(ca.caId(), new Created(ca, certificate));
      if (first != null) {
        if (!first.event().serialNumber().equals(ca.serialNumber())) {
          LOG.warnf("CA %s: ignoring a second CaCreated (serial %s); the first one stands", ca.caId(), ca.serialNumber());
        }
      } else if (certificate != null) {
        // A CA's own serial is always recent: the CAs are applied again at every start.
        useSerial(ca.caId(), certificate.getSerialNumber(), clock.millis());
        if (ca.parentCaId() != null) {
          // An intermediate's serial was drawn in its parent's serial space.
          useSerial(ca.parentCaId(), certificate.getSerialNumber(), clock.millis());
        }
        caKeys.add(KeyQuality.canonical(certificate.getSubjectPublicKeyInfo()));
      }
    } else if (event instanceof CaCreationFailed failed) {
      failures.put(failed.caId(), failed);
    } else if (event instanceof CertificateIssued issued) {
      // The first answer stands: a later fact for the same id (there should be none) never replaces it.
      ledger.record(issued.requestKey(), issued, location, at);
      useSerial(issued.caId(), issued.serialNumber().toBigInteger(), at);
    } else if (event instanceof CertificateRejected rejected) {
      ledger.record(rejected.requestKey(), rejected, location, at);
    } else if (event instanceof CaRetired retirement) {
      retired.putIfAbsent(retirement.caId(), retirement);
    } else if (event instanceof RequesterRegistered registered) {
      // The log is read in order per key (requester/<name>): the latest registration or retirement wins.
      requesters.put(registered.requester().value(), registered);
    } else if (event instanceof RequesterRetired gone) {
      requesters.remove(gone.requester().value());
    }
  }

  @Override
  public Optional<IssuingCa> issuingCa(CaId caId) {
    Created ca = created.get(caId);
    CaKeyStored key = keys.get(caId);
    if (ca == null || key == null) {
      return Optional.empty();
    }
    return Optional.of(new IssuingCa(ca.event(), ca.certificate(), key));
  }

  @Override
  public Optional<CaCreationFailed> creationFailure(CaId caId) {
    return Optional.ofNullable(failures.get(caId));
  }

  @Override
  public boolean caAnswered(CaId caId) {
    return created.containsKey(caId) || keys.containsKey(caId) || failures.containsKey(caId);
  }

  @Override
  public boolean requestAnswered(RequestKey request) {
    if (request == null || request.requestId() == null) {
      return false;
    }
    return ledger.answered(request) || (request.requestedBy() != null && ledger.answered(new RequestKey(null, request.requestId())));
  }

  @Override
  public Optional<RequestOutcome> outcome(RequestKey request) {
    if (request == null || request.requestId() == null) {
      return Optional.empty();
    }
    Optional<RequestOutcome> outcome = ledger.outcome(request);
    if (outcome.isEmpty() && request.requestedBy() != null) {
      outcome = ledger.outcome(new RequestKey(null, request.requestId()));
    }
    return outcome;
  }

  /**
   * What a snapshot keeps of the facts on eventca.issuance: the CAs' creations and failures as events, the answered
   * request ids and the used serials as 128-bit names. The other topics are small and always read whole.
   */
  void writeSnapshot(java.io.DataOutputStream out) throws java.io.IOException {
    EventCodec codec = new EventCodec("issuer-worker-snapshot");
    List<Event> small = new ArrayList<>();
    created.values().forEach(c -> small.add(c.event()));
    small.addAll(failures.values());
    out.writeInt(small.size());
    for (Event event : small) {
      byte[] bytes = codec.encode(event);
      out.writeInt(bytes.length);
      out.write(bytes);
    }
    ledger.writeTo(out);
    AgedTable.write(serials, serials, out, value -> true);
  }

  /** Into a state that has applied nothing from eventca.issuance yet. */
  void readSnapshot(java.io.DataInputStream in) throws java.io.IOException {
    int count = in.readInt();
    if (count < 0 || count > 1 << 20) {
      throw new java.io.IOException("a snapshot with " + count + " CA events");
    }
    for (int i = 0; i < count; i++) {
      int length = in.readInt();
      if (length < 0 || length > 1 << 20) {
        throw new java.io.IOException("a snapshot event of " + length + " bytes");
      }
      byte[] bytes = in.readNBytes(length);
      apply(EventCodec.decode(null, bytes).payload());
    }
    ledger.readFrom(in);
    synchronized (serials) {
      AgedTable.read(serials, in);
    }
  }

  /** How many request ids are remembered (for the log and the tests). */
  public int answeredRequests() {
    return ledger.size();
  }

  @Override
  public String chainPem(CaId caId) {
    StringBuilder chain = new StringBuilder();
    Created current = created.get(caId);
    for (int depth = 0; current != null && depth < 16; depth++) {
      chain.append(current.event().certificatePem());
      CaId parent = current.event().parentCaId();
      current = parent == null ? null : created.get(parent);
    }
    return chain.toString();
  }

  @Override
  public boolean serialUsed(CaId caId, BigInteger serial) {
    long[] name = serialName(caId, serial);
    synchronized (serials) {
      return serials.contains(name);
    }
  }

  @Override
  public boolean isCaKey(SubjectPublicKeyInfo key) {
    return caKeys.contains(KeyQuality.canonical(key));
  }

  @Override
  public Optional<CaRetired> retirement(CaId caId) {
    return Optional.ofNullable(retired.get(caId));
  }

  @Override
  public Optional<RequesterRegistered> requester(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(requesters.get(name));
  }

  /** The newest key record of every CA, for re-wrapping under a new KEK. */
  public java.util.Collection<CaKeyStored> storedKeys() {
    return java.util.List.copyOf(keys.values());
  }

  public int caCount() {
    return created.size();
  }

  private void useSerial(CaId caId, BigInteger serial, long atMillis) {
    long[] name = serialName(caId, serial);
    synchronized (serials) {
      serials.putIfAbsent(name, 0L, atMillis);
    }
  }

  private static long[] serialName(CaId caId, BigInteger serial) {
    return HashTable128.name(caId.value() + "/" + serial.toString(16));
  }

  private static X509CertificateHolder parse(CaCreated ca) {
    try (PEMParser parser = new PEMParser(new StringReader(ca.certificatePem()))) {
      if (parser.readObject() instanceof X509CertificateHolder certificate) {
        return certificate;
      }
    } catch (IOException | RuntimeException e) {
      // fall through: logged below
    }
    LOG.warnf("CaCreated of CA %s carries no readable certificate; the CA cannot issue", ca.caId());
    return null;
  }
}
