package io.eventca.crl.ocsp;

import java.io.IOException;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.OCSPReq;

/**
 * A request's nonce extension, held to RFC 8954 2.1: 1 to 32 octets are echoed; 33 to 128 are answered without a nonce
 * (which the RFC allows, and which OpenSSL's client takes with a "WARNING: no nonce in response" and still reads the
 * status); none at all or more than 128 is malformedRequest, as the RFC requires. Echoing anything was an amplifier: a
 * 60 KB nonce came back signed in every answer.
 */
record Nonce(Extension extension, int length) {
  static final int MAX_ECHOED = 32;
  static final int MAX_ACCEPTED = 128;

  static Optional<Nonce> of(OCSPReq request) {
    Extension extension = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    return extension == null ? Optional.empty() : Optional.of(new Nonce(extension, length(extension)));
  }

  boolean malformed() {
    return length < 1 || length > MAX_ACCEPTED;
  }

  boolean echoed() {
    return length <= MAX_ECHOED;
  }

  /**
   * The nonce is an OCTET STRING inside the extension value (RFC 6960 4.4.1, as OpenSSL writes it); some old clients
   * put the raw bytes there instead, and then those are the nonce.
   */
  private static int length(Extension extension) {
    byte[] value = extension.getExtnValue().getOctets();
    try {
      if (ASN1Primitive.fromByteArray(value) instanceof ASN1OctetString inner) {
        return inner.getOctets().length;
      }
    } catch (IOException | RuntimeException e) {
      // not DER: the raw form
    }
    return value.length;
  }
}
