package io.eventca.lint;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertificate;

/** Reads extensions of a to-be-signed certificate for the rules. */
public final class TbsExtensions {
  private TbsExtensions() {}

  public static Optional<Extension> get(TBSCertificate tbs, ASN1ObjectIdentifier oid) {
    Extensions extensions = tbs.getExtensions();
    return Optional.ofNullable(extensions == null ? null : extensions.getExtension(oid));
  }
}
