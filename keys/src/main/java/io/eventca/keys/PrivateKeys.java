package io.eventca.keys;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;

/** PKCS#8 structures to JCA keys and back, limited to what the CA issues for: RSA and the NIST P curves. */
final class PrivateKeys {
  /** The curves the JDK's SunEC signs with; keys on other curves would parse and then fail at first use. */
  private static final Map<ASN1ObjectIdentifier, String> CURVES = Map.of(
      SECObjectIdentifiers.secp256r1, "P-256",
      SECObjectIdentifiers.secp384r1, "P-384",
      SECObjectIdentifiers.secp521r1, "P-521");

  private PrivateKeys() {}

  /**
   * The canonical PKCS#8 form of a key. EC keys get their curve and public point inside the SEC1 structure as well, as
   * OpenSSL writes them: "EC PRIVATE KEY" output is only that inner structure, and without the curve nothing can read
   * it back (the JDK's own encoding leaves both out).
   */
  static PrivateKeyInfo canonical(PrivateKeyInfo info) {
    ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
    if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
      return info;
    }
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
      return canonicalEc(info);
    }
    throw new KeyFormatException("unsupported key algorithm " + algorithmName(oid) + ": only RSA and EC keys are supported");
  }

  private static PrivateKeyInfo canonicalEc(PrivateKeyInfo info) {
    ASN1ObjectIdentifier curve = namedCurve(info.getPrivateKeyAlgorithm().getParameters());
    X9ECParameters x9 = ECNamedCurveTable.getByOID(curve);
    try {
      BigInteger d = ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
      if (d.signum() <= 0 || d.compareTo(x9.getN()) >= 0) {
        throw new KeyFormatException("corrupt EC private key");
      }
      ECPoint q = x9.getG().multiply(d).normalize();
      ECPrivateKey sec1 = new ECPrivateKey(x9.getN().bitLength(), d, new DERBitString(q.getEncoded(false)), curve);
      return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), sec1);
    } catch (IOException | RuntimeException e) {
      if (e instanceof KeyFormatException kfe) {
        throw kfe;
      }
      throw new KeyFormatException("corrupt EC private key", e);
    }
  }

  private static ASN1ObjectIdentifier namedCurve(ASN1Encodable parameters) {
    if (parameters == null) {
      throw new KeyFormatException("EC private key without curve parameters");
    }
    X962Parameters x962;
    try {
      x962 = X962Parameters.getInstance(parameters);
    } catch (RuntimeException e) {
      throw new KeyFormatException("corrupt EC curve parameters", e);
    }
    if (!x962.isNamedCurve()) {
      throw new KeyFormatException("EC keys with explicit curve parameters are not supported: use a named curve (P-256, P-384)");
    }
    ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(x962.getParameters());
    if (!CURVES.containsKey(curve)) {
      String name = ECNamedCurveTable.getName(curve);
      throw new KeyFormatException("unsupported EC curve " + (name != null ? name : curve.getId()) + ": use P-256 or P-384");
    }
    return curve;
  }

  /** A JCA private key for a canonical structure, from the JDK providers (SunRsaSign, SunEC) that will sign with it. */
  static PrivateKey toPrivateKey(PrivateKeyInfo canonical) {
    byte[] der = null;
    try {
      der = canonical.getEncoded();
      PrivateKey key = KeyFactory.getInstance(jcaName(canonical)).generatePrivate(new PKCS8EncodedKeySpec(der));
      if ("RSA".equals(key.getAlgorithm()) && !(key instanceof RSAPrivateCrtKey)) {
        throw new KeyFormatException("RSA private keys without CRT parameters are not supported");
      }
      return key;
    } catch (IOException | GeneralSecurityException e) {
      throw new KeyFormatException("corrupt private key", e);
    } finally {
      Secrets.wipe(der);
    }
  }

  /** The public half: from the RSA modulus and exponent, or from the point {@link #canonical} put in the SEC1 structure. */
  static PublicKey toPublicKey(PrivateKeyInfo canonical, PrivateKey privateKey) {
    try {
      if (privateKey instanceof RSAPrivateCrtKey rsa) {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      }
      ECPrivateKey sec1 = ECPrivateKey.getInstance(canonical.parsePrivateKey());
      SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(canonical.getPrivateKeyAlgorithm(), sec1.getPublicKey().getBytes());
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
    } catch (IOException | GeneralSecurityException e) {
      throw new KeyFormatException("corrupt private key", e);
    }
  }

  private static String jcaName(PrivateKeyInfo info) {
    return PKCSObjectIdentifiers.rsaEncryption.equals(info.getPrivateKeyAlgorithm().getAlgorithm()) ? "RSA" : "EC";
  }

  private static String algorithmName(ASN1ObjectIdentifier oid) {
    if (X9ObjectIdentifiers.id_dsa.equals(oid)) {
      return "DSA";
    }
    if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid)) {
      return "RSASSA-PSS";
    }
    return switch (oid.getId()) {
      case "1.3.101.110" -> "X25519";
      case "1.3.101.111" -> "X448";
      case "1.3.101.112" -> "Ed25519";
      case "1.3.101.113" -> "Ed448";
      default -> oid.getId();
    };
  }
}
