package io.eventca.issuer.state;

import io.eventca.events.Event;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ids.CaId;
import io.eventca.events.cert.RequestKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The events of one Kafka transaction, seen on top of the committed state: a CA created earlier in the same
 * batch can already issue, a request id answered earlier in it is already answered. Thrown away if the
 * transaction aborts; applied to the committed state once it commits.
 */
public final class Batch implements CaDirectory {
  private final CaState committed;
  private final CaState pending = new CaState();
  private final List<Event> events = new ArrayList<>();

  public Batch(CaState committed) {
    this.committed = committed;
  }

  public void record(Event event) {
    events.add(event);
    pending.apply(event);
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  /** After the transaction committed: the committed state learns the batch's facts without waiting for the reader. */
  public void applyCommitted() {
    events.forEach(committed::apply);
  }

  @Override
  public Optional<IssuingCa> issuingCa(CaId caId) {
    return pending.issuingCa(caId).or(() -> committed.issuingCa(caId));
  }

  @Override
  public Optional<CaCreationFailed> creationFailure(CaId caId) {
    return pending.creationFailure(caId).or(() -> committed.creationFailure(caId));
  }

  @Override
  public boolean caAnswered(CaId caId) {
    return pending.caAnswered(caId) || committed.caAnswered(caId);
  }

  @Override
  public boolean requestAnswered(RequestKey request) {
    return pending.requestAnswered(request) || committed.requestAnswered(request);
  }

  @Override
  public Optional<RequestOutcome> outcome(RequestKey request) {
    return pending.outcome(request).or(() -> committed.outcome(request));
  }

  @Override
  public String chainPem(CaId caId) {
    String pendingChain = pending.chainPem(caId);
    return pendingChain.isEmpty() ? committed.chainPem(caId) : pendingChain;
  }

  @Override
  public boolean serialUsed(CaId caId, BigInteger serial) {
    return pending.serialUsed(caId, serial) || committed.serialUsed(caId, serial);
  }

  @Override
  public boolean isCaKey(SubjectPublicKeyInfo key) {
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
