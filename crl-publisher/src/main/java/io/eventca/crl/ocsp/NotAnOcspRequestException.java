package io.eventca.crl.ocsp;

/** The bytes are not a DER OCSPRequest: the caller's mistake, answered at the HTTP edge, not with an OCSP status. */
public final class NotAnOcspRequestException extends Exception {
  public NotAnOcspRequestException(String message) {
    super(message, null, false, false);
  }
}
