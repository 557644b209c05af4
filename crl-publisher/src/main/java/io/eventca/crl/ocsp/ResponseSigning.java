package io.eventca.crl.ocsp;

import io.eventca.crl.state.CaCrlState;
import java.time.Instant;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

/** Who signs the OCSP answers of a CA: the CA key itself, or a responder it delegated to. */
interface ResponseSigning {
  /**
   * @param publicKey names the responder (ResponderID byKey)
   * @param certificates go into the response so clients can check a delegated responder; empty for the CA key
   * @param notAfter no answer may be relied on past the signer's own validity
   */
  record Signer(ContentSigner contentSigner, SubjectPublicKeyInfo publicKey, X509CertificateHolder[] certificates, Instant notAfter) {}

  /** False when this instance's custody cannot use the CA's key: then the CA gets no answers from here. */
  boolean canSignFor(CaCrlState ca);

  /** The signer for one answer of {@code ca}, which {@link CaCrlState#canSign()} and {@link #canSignFor}. */
  Signer signerFor(CaCrlState ca, Instant now);
}
