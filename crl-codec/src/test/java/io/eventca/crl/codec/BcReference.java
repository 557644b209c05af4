package io.eventca.crl.codec;

import java.math.BigInteger;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.ContentSigner;

/** The CRL as Bouncy Castle's X509v2CRLBuilder builds it from the same inputs: what CrlEncoder must reproduce. */
final class BcReference {
  private BcReference() {}

  static byte[] build(CrlEncoder.Header h, List<Revocation> entries, ContentSigner signer) throws Exception {
    X509v2CRLBuilder b = new X509v2CRLBuilder(h.issuer(), Date.from(h.thisUpdate()));
    b.setNextUpdate(Date.from(h.nextUpdate()));
    for (Revocation r : entries) {
      if (r.invalidityDate() == null) {
        b.addCRLEntry(r.serial(), Date.from(r.revokedAt()), r.reason());
      } else {
        b.addCRLEntry(r.serial(), Date.from(r.revokedAt()), r.reason(), Date.from(r.invalidityDate()));
      }
    }
    b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(h.authorityKeyIdentifier()));
    b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(h.crlNumber())));
    if (h.deltaBaseCrlNumber() != null) {
      b.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(BigInteger.valueOf(h.deltaBaseCrlNumber())));
    }
    for (Extension e : h.extraExtensions()) {
      b.addExtension(e);
    }
    return b.build(signer).getEncoded();
  }
}
