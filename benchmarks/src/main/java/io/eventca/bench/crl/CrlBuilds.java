package io.eventca.bench.crl;

import io.eventca.crl.codec.CrlEncoder;
import io.eventca.crl.codec.CrlEntries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;

/** The two ways of making the same CRL that the benchmarks compare. */
public final class CrlBuilds {
  private CrlBuilds() {}

  public static CrlEncoder.Header header(BenchCa ca, long crlNumber, Long deltaBase) {
    return new CrlEncoder.Header(ca.name(), ca.keyId(), crlNumber, deltaBase, Revocations.NOW,
        Revocations.NOW.plusSeconds(7 * 86_400), List.of());
  }

  /** What a CA does without crl-codec: every entry through X509v2CRLBuilder, then the DER. */
  public static byte[] bouncyCastle(BenchCa ca, List<Revocations.Revocation> revoked, long crlNumber) {
    X509v2CRLBuilder b = new X509v2CRLBuilder(ca.name(), Date.from(Revocations.NOW));
    b.setNextUpdate(Date.from(Revocations.NOW.plusSeconds(7 * 86_400)));
    for (Revocations.Revocation r : revoked) {
      if (r.invalidityDate() == null) {
        b.addCRLEntry(r.serial(), Date.from(r.revokedAt()), r.reason());
      } else {
        b.addCRLEntry(r.serial(), Date.from(r.revokedAt()), r.reason(), Date.from(r.invalidityDate()));
      }
    }
    try {
      b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(ca.keyId()));
      b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(crlNumber)));
      return b.build(ca.signer()).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static CrlEntries entries(List<Revocations.Revocation> revoked) {
    CrlEntries entries = new CrlEntries();
    revoked.forEach(r -> add(entries, r));
    return entries;
  }

  public static void add(CrlEntries entries, Revocations.Revocation r) {
    entries.add(r.serial(), r.revokedAt(), r.reason(), r.invalidityDate());
  }
}
