package io.eventca.custody;

import io.eventca.events.ca.CaKeyStored;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentSigner;

/**
 * Whether the key custody holds for a CA is the private half of the public key in the CA's certificate: custody signs
 * a probe and the certificate's key must verify it. A CaCreated whose certificate custody never generated (a foreign
 * root, another CA's certificate under a new id) fails this, so no signing service signs as that CA. It costs one
 * signature; callers keep the answer per CA.
 */
public final class KeyProof {
  private static final byte[] PROBE = "eventca: custody holds the key of this CA certificate".getBytes(StandardCharsets.US_ASCII);

  private KeyProof() {}

  /** @return false when custody cannot use the key, or the key is not the certificate's */
  public static boolean proves(CaKeyCustody custody, CaKeyStored stored, SubjectPublicKeyInfo certificateKey) {
    try {
      if (!custody.holds(stored)) {
        return false;
      }
      ContentSigner signer = custody.signer(stored, "sha256");
      try (OutputStream out = signer.getOutputStream()) {
        out.write(PROBE);
      }
      byte[] signature = signer.getSignature();
      PublicKey key = new JcaPEMKeyConverter().getPublicKey(certificateKey);
      Signature verifier = Signature.getInstance(SignatureAlgorithms.jcaName("sha256", key.getAlgorithm()),
          SignatureAlgorithms.providerFor(key.getAlgorithm()));
      verifier.initVerify(key);
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
      return false;
    }
  }
}
