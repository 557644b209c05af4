package io.eventca.crl.sign;

import io.eventca.custody.KeyProof;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
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

  private record Verdict(CaKeyStored stored, X509Certificate certificate, boolean usable) {}

  private final Supplier<CaKeyCustody> custody;
  private final Map<CaId, Verdict> verdicts = new ConcurrentHashMap<>();

  /** @param custody read when a record is first seen: the publisher opens custody only at start-up */
  public UsableKeys(Supplier<CaKeyCustody> custody) {
    this.custody = custody;
  }

  /**
   * Whether custody holds the key of {@code certificate} (the CA certificate of its CaCreated): custody can use the key
   * record, and a signature made with it verifies with the certificate's key ({@link KeyProof}). A CaCreated the issuer
   * did not write (issue 11: a forged root) thus never gets a CRL or an OCSP answer signed for it.
   */
  public boolean usable(CaId caId, CaKeyStored stored, X509Certificate certificate) {
    if (stored == null || certificate == null) {
      return false;
    }
    Verdict known = verdicts.get(caId);
    if (known != null && known.stored().equals(stored) && known.certificate().equals(certificate)) {
      return known.usable();
    }
    boolean holds = custody.get().holds(stored);
    boolean usable = holds && KeyProof.proves(custody.get(), stored, SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()));
    verdicts.put(caId, new Verdict(stored, certificate, usable));
    if (!holds) {
      LOG.warnf("CA %s: this instance cannot use its key, %s; it signs no CRL or OCSP answer for this CA until its custody"
          + " settings (eventca.custody.*) reach that key", caId, where(stored));
    } else if (!usable) {
      LOG.errorf("CA %s: the key custody holds for it is not its certificate's key: a CaCreated the issuer did not write?"
          + " It signs no CRL or OCSP answer for this CA", caId);
    }
    return usable;
  }

  private static String where(CaKeyStored stored) {
    return stored.custodyKind() == CaKeyStored.Custody.pkcs11
        ? "which is in PKCS#11 token " + stored.tokenLabel() + " as " + stored.keyLabel()
        : "which is wrapped under KEK " + stored.kekId();
  }
}
