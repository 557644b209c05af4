package io.eventca.issuer.state;

import io.eventca.events.Event;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ids.CaId;
import io.eventca.events.cert.RequestKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The events of one Kafka transaction, seen on top of the committed state: a CA created earlier in the same
 * batch can already issue, a request id answered earlier in it is already answered. Thrown away if the
 * transaction aborts; applied to the committed state once it commits.
 *
 * <p>Thread-safe: the records of one batch are answered on several threads ({@code RequestProcessor}), those of one
 * requester in order on one of them. A reader sees what the others recorded so far; serials are reserved atomically.
 */
public final class Batch implements CaDirectory {
  private final CaState committed;
  private final CaState pending = new CaState();
  private final List<Event> events = new ArrayList<>();
  private final Set<String> reservedSerials = ConcurrentHashMap.newKeySet();
  private final Map<RequestKey, Object> requestLocks = new ConcurrentHashMap<>();

  public Batch(CaState committed) {
    this.committed = committed;
  }

  /** What a thread holds while it decides one request id, so copies of it are decided one after the other. */
  public Object lockFor(RequestKey request) {
    return requestLocks.computeIfAbsent(request, k -> new Object());
  }

  public synchronized void record(Event event) {
    events.add(event);
    pending.apply(event);
  }

  public synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /** After the transaction committed: the committed state learns the batch's facts without waiting for the reader. */
  public synchronized void applyCommitted() {
    events.forEach(committed::apply);
  }

  @Override
  public synchronized Optional<IssuingCa> issuingCa(CaId caId) {
    return pending.issuingCa(caId).or(() -> committed.issuingCa(caId));
  }

  @Override
  public synchronized Optional<CaCreationFailed> creationFailure(CaId caId) {
    return pending.creationFailure(caId).or(() -> committed.creationFailure(caId));
  }

  @Override
  public synchronized boolean caAnswered(CaId caId) {
    return pending.caAnswered(caId) || committed.caAnswered(caId);
  }

  @Override
  public synchronized boolean requestAnswered(RequestKey request) {
    return pending.requestAnswered(request) || committed.requestAnswered(request);
  }

  @Override
  public synchronized Optional<RequestOutcome> outcome(RequestKey request) {
    return pending.outcome(request).or(() -> committed.outcome(request));
  }

  @Override
  public synchronized String chainPem(CaId caId) {
    String pendingChain = pending.chainPem(caId);
    return pendingChain.isEmpty() ? committed.chainPem(caId) : pendingChain;
  }

  @Override
  public synchronized boolean serialUsed(CaId caId, BigInteger serial) {
    return pending.serialUsed(caId, serial) || committed.serialUsed(caId, serial);
  }

  @Override
  public boolean reserveSerial(CaId caId, BigInteger serial) {
    return !serialUsed(caId, serial) && reservedSerials.add(caId.value() + "/" + serial.toString(16));
  }

  @Override
  public synchronized boolean isCaKey(SubjectPublicKeyInfo key) {
    return pending.isCaKey(key) || committed.isCaKey(key);
  }

  /** Registry events never come from a batch (ca-service writes them): the committed state knows them all. */
  @Override
  public Optional<io.eventca.events.registry.CaRetired> retirement(CaId caId) {
    return committed.retirement(caId);
  }

  @Override
  public Optional<io.eventca.events.registry.RequesterRegistered> requester(String name) {
    return committed.requester(name);
  }
}
