package io.eventca.issuer.ca;

import io.eventca.custody.CaKeyCustody;
import io.eventca.custody.KeyProof;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.ids.CaId;
import io.eventca.checks.RequestProblem;
import io.eventca.issuer.state.CaDirectory;
import io.eventca.issuer.state.IssuingCa;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.jboss.logging.Logger;

/**
 * A CA signs only once its facts are proven, not merely read (issue 11, forged facts): its certificate verifies with its
 * issuer's key (its own for a root, its parent's certificate for an intermediate), and the key custody holds for it is
 * that certificate's ({@link KeyProof}). A CaCreated that eventca's issuer did not write (a foreign root, a known
 * certificate under a new id) fails one of them, whatever the log says. Checked once per CA certificate and key record.
 */
public final class CustodyProofs {
  private static final Logger LOG = Logger.getLogger(CustodyProofs.class);

  private record Verdict(BigInteger serial, CaKeyStored key, String problem) {}

  private final CaKeyCustody custody;
  private final Map<CaId, Verdict> verdicts = new ConcurrentHashMap<>();

  public CustodyProofs(CaKeyCustody custody) {
    this.custody = custody;
  }

  /** @throws RequestProblem (ca-not-active) naming what could not be proven */
  public void require(IssuingCa ca, CaDirectory directory) {
    Verdict known = verdicts.get(ca.caId());
    if (known == null || !known.serial().equals(ca.certificate().getSerialNumber()) || !known.key().equals(ca.key())) {
      known = new Verdict(ca.certificate().getSerialNumber(), ca.key(), problem(ca, directory));
      verdicts.put(ca.caId(), known);
      if (known.problem() != null) {
        LOG.errorf("CA %s signs nothing: %s", ca.caId(), known.problem());
      }
    }
    if (known.problem() != null) {
      throw new RequestProblem(ErrorCode.CA_NOT_ACTIVE, "CA " + ca.caId() + " signs nothing: " + known.problem());
    }
  }

  private String problem(IssuingCa ca, CaDirectory directory) {
    CaId parentId = ca.created().parentCaId();
    Optional<X509CertificateHolder> issuer = parentId == null ? Optional.of(ca.certificate())
        : directory.issuingCa(parentId).map(IssuingCa::certificate);
    if (issuer.isEmpty() || !signedBy(ca.certificate(), issuer.get())) {
      return "its certificate does not verify with " + (parentId == null ? "its own key" : "its parent CA's certificate")
          + ": a CaCreated the issuer did not write?";
    }
    if (!KeyProof.proves(custody, ca.key(), ca.certificate().getSubjectPublicKeyInfo())) {
      return "the key custody holds for it is not its certificate's key: a CaCreated the issuer did not write, or custody"
          + " settings that do not reach its key";
    }
    return null;
  }

  private static boolean signedBy(X509CertificateHolder certificate, X509CertificateHolder issuer) {
    try {
      return certificate.isSignatureValid(new JcaContentVerifierProviderBuilder()
          .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(issuer));
    } catch (Exception e) {
      return false;
    }
  }
}
