package io.eventca.crl.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.ContentSigner;

/**
 * Writes a signed X.509 v2 CRL (RFC 5280 5.1) by hand around the already encoded entries of a {@link CrlEntries}:
 * the small header parts go through Bouncy Castle's ASN.1 classes, the entries are only copied. The TBSCertList is
 * streamed into the signer first, so the output's exact size is known and it is allocated once.
 */
public final class CrlEncoder {
  private static final byte[] VERSION_2 = {0x02, 0x01, 0x01};
  private static final int BIT_STRING = 0x03;

  private CrlEncoder() {}

  /**
   * @param authorityKeyIdentifier the CA's subject key identifier (RFC 5280 5.2.1 requires the extension)
   * @param deltaBaseCrlNumber null for a full CRL; else the number of the full CRL this delta CRL builds on
   *     (a critical deltaCRLIndicator, RFC 5280 5.2.4)
   * @param extraExtensions further CRL extensions after AKI, CRL number and delta indicator (e.g. freshestCRL)
   */
  public record Header(
      X500Name issuer,
      byte[] authorityKeyIdentifier,
      long crlNumber,
      Long deltaBaseCrlNumber,
      Instant thisUpdate,
      Instant nextUpdate,
      List<Extension> extraExtensions) {}

  /** The DER of a signed X.509 v2 CertificateList. */
  public static byte[] encode(Header header, CrlEntries entries, ContentSigner signer) {
    Objects.requireNonNull(entries, "entries");
    Objects.requireNonNull(signer, "signer");
    Tbs tbs = Tbs.of(header, der(signer.getAlgorithmIdentifier()), entries);
    try {
      byte[] signature;
      try (OutputStream toSign = signer.getOutputStream()) {
        tbs.writeTo(toSign);
      }
      signature = signer.getSignature();

      long bitStringContent = 1L + signature.length;
      long content = tbs.length + tbs.signatureAlgorithm.length + Der.tlvLength(bitStringContent);
      long total = Der.tlvLength(content);
      if (total > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("CRL larger than 2 GiB");
      }
      byte[] out = new byte[(int) total];
      Der.ArraySink sink = new Der.ArraySink(out, Der.writeHeader(out, 0, Der.SEQUENCE, content));
      tbs.writeTo(sink);
      sink.write(tbs.signatureAlgorithm);
      sink.pos = Der.writeHeader(out, sink.pos, BIT_STRING, bitStringContent);
      out[sink.pos++] = 0; // no unused bits
      sink.write(signature);
      if (sink.pos != out.length) {
        throw new IllegalStateException("wrote " + sink.pos + " of " + out.length + " bytes");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("signer failed", e);
    }
  }

  /** The TBSCertList as its small encoded parts around the entries, with all lengths known up front. */
  private record Tbs(
      byte[] header, byte[] signatureAlgorithm, byte[] beforeEntries, byte[] entriesHeader, CrlEntries entries,
      byte[] extensions, long length) {

    static Tbs of(Header h, byte[] signatureAlgorithm, CrlEntries entries) {
      Objects.requireNonNull(h, "header");
      Objects.requireNonNull(h.issuer(), "issuer");
      Objects.requireNonNull(h.thisUpdate(), "thisUpdate");
      // RFC 5280 5.1.2.5: conforming CAs always include nextUpdate.
      Objects.requireNonNull(h.nextUpdate(), "nextUpdate");
      if (!h.nextUpdate().isAfter(h.thisUpdate())) {
        throw new IllegalArgumentException("nextUpdate must be after thisUpdate");
      }
      byte[] issuerAndTimes = concat(der(h.issuer()), Der.time(h.thisUpdate()), Der.time(h.nextUpdate()));
      byte[] beforeEntries = concat(VERSION_2, signatureAlgorithm, issuerAndTimes);
      // RFC 5280 5.1.2.6: an empty list is left out, not encoded as an empty SEQUENCE.
      byte[] entriesHeader = entries.size() == 0 ? new byte[0] : Der.header(Der.SEQUENCE, entries.encodedLength());
      byte[] extensions = der(new DERTaggedObject(true, 0, crlExtensions(h)));
      long content = beforeEntries.length + entriesHeader.length + entries.encodedLength() + extensions.length;
      byte[] header = Der.header(Der.SEQUENCE, content);
      return new Tbs(header, signatureAlgorithm, beforeEntries, entriesHeader, entries, extensions,
          header.length + content);
    }

    void writeTo(OutputStream out) throws IOException {
      out.write(header);
      out.write(beforeEntries);
      if (entriesHeader.length > 0) {
        out.write(entriesHeader);
        entries.writeTo(out);
      }
      out.write(extensions);
    }
  }

  private static Extensions crlExtensions(Header h) {
    Objects.requireNonNull(h.authorityKeyIdentifier(), "authorityKeyIdentifier");
    if (h.crlNumber() < 0) {
      throw new IllegalArgumentException("negative CRL number");
    }
    List<Extension> all = new ArrayList<>();
    all.add(extension(Extension.authorityKeyIdentifier, false,
        new AuthorityKeyIdentifier(h.authorityKeyIdentifier())));
    all.add(extension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(h.crlNumber()))));
    if (h.deltaBaseCrlNumber() != null) {
      long base = h.deltaBaseCrlNumber();
      // A delta CRL and its base come from one number sequence, and the delta is always the newer one.
      if (base < 0 || base >= h.crlNumber()) {
        throw new IllegalArgumentException("delta base " + base + " must be in [0, " + h.crlNumber() + ")");
      }
      all.add(extension(Extension.deltaCRLIndicator, true, new CRLNumber(BigInteger.valueOf(base))));
    }
    if (h.extraExtensions() != null) {
      all.addAll(h.extraExtensions());
    }
    // RFC 5280 4.2: an extension appears at most once; an extra one must not repeat, say, the CRL number.
    Set<ASN1ObjectIdentifier> seen = new HashSet<>();
    for (Extension e : all) {
      if (!seen.add(e.getExtnId())) {
        throw new IllegalArgumentException("repeated extension " + e.getExtnId());
      }
    }
    return new Extensions(all.toArray(new Extension[0]));
  }

  private static Extension extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
    return new Extension(oid, critical, der(value));
  }

  private static byte[] der(ASN1Encodable value) {
    try {
      return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int pos = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }
}
