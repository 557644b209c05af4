package io.eventca.custody;

import io.eventca.events.ids.CaId;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The self-signed certificate stored beside a token key. SunPKCS11's key store lists a private key only when a
 * certificate with the same CKA_ID exists, so without it the key could not be found again by alias. It is never
 * published and says nothing a CA certificate would; its public key is what {@code publicKeySha256} is checked
 * against.
 */
final class HolderCertificate {
  /** RFC 5280 4.1.2.5: the "no well-defined expiration" date; the certificate only indexes the key. */
  private static final Date NO_EXPIRY = new Date(253402300799000L);
  private static final SecureRandom RANDOM = new SecureRandom();

  private HolderCertificate() {}

  static X509Certificate selfSigned(CaId caId, KeyPair pair, Provider token) {
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.OU, caId.value()).addRDN(BCStyle.CN, "eventca CA key holder").build();
    String algorithm = SignatureAlgorithms.jcaName("sha256", pair.getPublic().getAlgorithm());
    try {
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(name, new BigInteger(64, RANDOM).setBit(63), new Date(), NO_EXPIRY, name, pair.getPublic());
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).setProvider(token).build(pair.getPrivate())));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot certify the new key of CA " + caId + " in the token", e);
    }
  }
}
