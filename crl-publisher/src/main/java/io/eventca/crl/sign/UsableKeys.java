package io.eventca.crl.sign;

import io.eventca.custody.CaKeyCustody;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Whether this instance's custody can sign with a CA's key. A CA under a KEK this instance does not hold (or in
 * another token) is skipped, with one warning per CA and key record, instead of failing again at every pass; the
 * answer is kept per record, so a re-wrapped record is asked about afresh.
 */
public final class UsableKeys {
  private static final Logger LOG = Logger.getLogger(UsableKeys.class);

  private record Verdict(CaKeyStored stored, boolean usable) {}

  private final Supplier<CaKeyCustody> custody;
  private final Map<CaId, Verdict> verdicts = new ConcurrentHashMap<>();

  /** @param custody read when a record is first seen: the publisher opens custody only at start-up */
  public UsableKeys(Supplier<CaKeyCustody> custody) {
    this.custody = custody;
  }

  public boolean usable(CaId caId, CaKeyStored stored) {
    Verdict known = verdicts.get(caId);
    if (known != null && known.stored().equals(stored)) {
      return known.usable();
    }
    boolean usable = custody.get().holds(stored);
    verdicts.put(caId, new Verdict(stored, usable));
    if (!usable) {
      LOG.warnf("CA %s: this instance cannot use its key, %s; it signs no CRL or OCSP answer for this CA until its custody"
          + " settings (eventca.custody.*) reach that key", caId, where(stored));
    }
    return usable;
  }

  private static String where(CaKeyStored stored) {
    return stored.custodyKind() == CaKeyStored.Custody.pkcs11
        ? "which is in PKCS#11 token " + stored.tokenLabel() + " as " + stored.keyLabel()
        : "which is wrapped under KEK " + stored.kekId();
  }
}
