package io.eventca.crl.state;

import io.eventca.events.crl.CrlPublished;

/**
 * A CRL the log holds, and its DER when this instance has it: always for CRLs that travel whole, and for those
 * that travel by reference only on the instance that built them.
 */
public record PublishedCrl(CrlPublished event, byte[] der) {
  public boolean held() {
    return der != null;
  }
}
