package io.eventca.issuer.state;

import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ids.CaId;
import io.eventca.events.cert.RequestKey;
import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** What the request handlers need to know about what was already decided. */
public interface CaDirectory {
  Optional<IssuingCa> issuingCa(CaId caId);

  Optional<CaCreationFailed> creationFailure(CaId caId);

  /** True once the CA's creation request has been answered either way (created, key stored, or failed). */
  boolean caAnswered(CaId caId);

  /**
   * True once a CertificateIssued or CertificateRejected answers this request: its id among its requester's ids (a fact
   * written before issue 11 names no requester, and holds its id for everyone).
   */
  boolean requestAnswered(RequestKey request);

  /**
   * How this request was answered (from its CertificateIssued or CertificateRejected), so a retry gets the same
   * answer again and a reused id can be told apart by its fingerprint. See {@link RequestOutcome} for its size.
   */
  Optional<RequestOutcome> outcome(RequestKey request);

  /** The certificate of {@code caId} followed by its issuers up to the root, PEM; empty for an unknown CA. */
  String chainPem(CaId caId);

  /** True when the CA already used this serial (for its own certificate or an issued one). */
  boolean serialUsed(CaId caId, BigInteger serial);

  /**
   * Takes {@code serial} for {@code caId} if nobody has: true when it was free. A batch signs on several threads, so
   * the check and the reservation must be one step there; a directory nobody writes to concurrently only checks.
   */
  default boolean reserveSerial(CaId caId, BigInteger serial) {
    return !serialUsed(caId, serial);
  }

  /** True when the key is the certified key of any known CA. */
  boolean isCaKey(SubjectPublicKeyInfo key);

  /** The retirement of {@code caId}, if an admin retired it (from eventca.registry). */
  Optional<io.eventca.events.registry.CaRetired> retirement(CaId caId);

  /** The current registration of requester {@code name}; empty when it was never registered or was retired. */
  Optional<io.eventca.events.registry.RequesterRegistered> requester(String name);
}
