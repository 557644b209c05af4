package io.eventca.keys;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider for the PEM and PKCS#12 encryption code: the builders look ciphers up by OID and by
 * OpenSSL names, which only BC maps the way OpenSSL means them (the JDK's AES-CBC OID alias has no padding, for one).
 */
final class Bc {
  private Bc() {}

  static synchronized Provider provider() {
    Provider bc = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
    if (bc == null) {
      bc = new BouncyCastleProvider();
      Security.addProvider(bc);
    }
    return bc;
  }
}
