package io.eventca.crl.sign;

import io.eventca.crl.codec.CrlEncoder;
import io.eventca.crl.state.CaCrlState.Draft;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;

/**
 * Signs one CRL of a CA (RFC 5280 5.1): issuer and AKI from the CA certificate, the draft's number and entries;
 * a delta CRL carries the critical deltaCRLIndicator, a full CRL the freshestCRL pointer to its delta CRLs.
 * The signer comes from custody (a token key signs inside its token); it signs the CRLs one after the other, as a
 * JCA signature resets after each signature, so one CrlSigner must not be shared between threads.
 */
public final class CrlSigner {
  private final X509Certificate ca;
  private final ContentSigner signer;

  public CrlSigner(X509Certificate ca, ContentSigner signer) {
    this.ca = ca;
    this.signer = signer;
  }

  /** @param deltaUrl where the delta CRLs are, named in full CRLs (RFC 5280 5.2.6); null names none */
  public byte[] sign(Draft draft, Instant thisUpdate, Instant nextUpdate, String deltaUrl) {
    List<Extension> extra = draft.baseCrlNumber() == null && deltaUrl != null ? List.of(freshestCrl(deltaUrl)) : List.of();
    CrlEncoder.Header header = new CrlEncoder.Header(
        X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), authorityKeyId(ca), draft.crlNumber(),
        draft.baseCrlNumber(), thisUpdate, nextUpdate, extra);
    return CrlEncoder.encode(header, draft.entries(), signer);
  }

  private static Extension freshestCrl(String url) {
    GeneralNames where = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url));
    CRLDistPoint points =
        new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(new DistributionPointName(where), null, null)});
    try {
      return new Extension(Extension.freshestCRL, false, new DEROctetString(points.getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the freshestCRL extension", e);
    }
  }

  /** The AKI must equal the CA certificate's SKI, or path building in clients cannot match CRL to CA. */
  static byte[] authorityKeyId(X509Certificate ca) {
    byte[] ski = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    if (ski != null) {
      return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ski).getOctets()).getKeyIdentifier();
    }
    try {
      return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(ca.getPublicKey()).getKeyIdentifier();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is needed for key identifiers", e);
    }
  }
}
