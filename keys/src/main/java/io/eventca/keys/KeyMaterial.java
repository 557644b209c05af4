package io.eventca.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A requester's private key, held in memory only and never serialised except through {@link #write}. The JCA types
 * stay inside this package so the services can handle requester keys without touching PrivateKey themselves.
 */
public final class KeyMaterial {
  /** Keys, PFX files and chains are a few KB; anything far bigger is not one and is not worth parsing. */
  private static final int MAX_INPUT = 1 << 20;
  private static final int UB_COMMON_NAME = 64;

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final List<String> chainPem;

  private KeyMaterial(PrivateKey privateKey, PublicKey publicKey, List<String> chainPem) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.chainPem = List.copyOf(chainPem);
  }

  /** New key pair: "RSA" with 2048, 3072 or 4096 bits, or "EC" with 256 (P-256) or 384 (P-384). */
  public static KeyMaterial generate(String algorithm, int keySize) {
    String name = algorithm == null ? "" : algorithm.toUpperCase(Locale.ROOT);
    try {
      KeyPair pair = switch (name) {
        case "RSA" -> generateRsa(keySize);
        case "EC" -> generateEc(keySize);
        default -> throw new KeyFormatException("unsupported key algorithm: use RSA or EC");
      };
      return new KeyMaterial(pair.getPrivate(), pair.getPublic(), List.of());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate " + name + " keys", e);
    }
  }

  private static KeyPair generateRsa(int keySize) throws GeneralSecurityException {
    if (keySize != 2048 && keySize != 3072 && keySize != 4096) {
      throw new KeyFormatException("unsupported RSA key size " + keySize + ": use 2048, 3072 or 4096");
    }
    KeyPairGenerator generator;
    try {
      // SunRsaSign is ~1.4x faster than BC at prime generation; a stripped-down JVM may lack it by name.
      generator = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
    } catch (NoSuchProviderException | NoSuchAlgorithmException e) {
      generator = KeyPairGenerator.getInstance("RSA");
    }
    generator.initialize(keySize);
    return generator.generateKeyPair();
  }

  private static KeyPair generateEc(int keySize) throws GeneralSecurityException {
    String curve = switch (keySize) {
      case 256 -> "secp256r1";
      case 384 -> "secp384r1";
      default -> throw new KeyFormatException("unsupported EC key size " + keySize + ": use 256 (P-256) or 384 (P-384)");
    };
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  /**
   * Reads a private key in any convert_priv_key.sh input format. PKCS8 and RSA both accept any PEM private key (the PEM
   * label says which encoding it is). passphrase may be null for unencrypted PEM; PFX always needs one. For PFX the
   * certificate chain in the file is kept, see {@link #certificateChainPem()}.
   */
  public static KeyMaterial read(byte[] input, KeyFormat format, char[] passphrase) {
    if (format == null) {
      throw new KeyFormatException("no input format given: use pkcs8, rsa, pfx or pkcs12");
    }
    if (input == null || input.length == 0) {
      throw new KeyFormatException("the input is empty");
    }
    if (input.length > MAX_INPUT) {
      throw new KeyFormatException("the input is larger than 1 MiB: not a private key");
    }
    return switch (format) {
      case PKCS8, RSA -> of(PemKeys.read(input, passphrase), List.of());
      case PFX -> {
        Pkcs12.Content content = Pkcs12.read(input, passphrase);
        yield of(content.key(), content.chainPem());
      }
    };
  }

  private static KeyMaterial of(PrivateKeyInfo info, List<String> chainPem) {
    PrivateKeyInfo canonical = PrivateKeys.canonical(info);
    PrivateKey privateKey = PrivateKeys.toPrivateKey(canonical);
    return new KeyMaterial(privateKey, PrivateKeys.toPublicKey(canonical, privateKey), chainPem);
  }

  /** "RSA" or "EC". */
  public String algorithm() {
    return privateKey.getAlgorithm();
  }

  /** RSA modulus bits, or EC field size (256, 384). */
  public int keySize() {
    if (publicKey instanceof RSAKey rsa) {
      return rsa.getModulus().bitLength();
    }
    return ((ECKey) publicKey).getParams().getCurve().getField().getFieldSize();
  }

  /** A PKCS#10 request for CN=commonName signed with this key, so the CA's proof-of-possession check passes. */
  public String csrPem(String commonName) {
    if (commonName == null || commonName.isBlank()) {
      throw new KeyFormatException("a common name is required");
    }
    if (commonName.length() > UB_COMMON_NAME) {
      throw new KeyFormatException("the common name is longer than " + UB_COMMON_NAME + " characters");
    }
    // Built attribute by attribute so a name like "a,O=evil" stays one CN value instead of being parsed as a DN.
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    String signature = "RSA".equals(algorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    try {
      var signer = new JcaContentSignerBuilder(signature).build(privateKey);
      byte[] der = new JcaPKCS10CertificationRequestBuilder(subject, publicKey).build(signer).getEncoded();
      return Pem.string("CERTIFICATE REQUEST", der);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign with " + signature, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The key in format, encrypted under passphrase or not (null; PKCS8 and RSA only). certificateChainPem (leaf first,
   * then issuers) is required for PFX and ignored otherwise; the PFX key entry is named friendlyName, or "key".
   */
  public byte[] write(KeyFormat format, char[] passphrase, List<String> certificateChainPem, String friendlyName) {
    if (format == null) {
      throw new KeyFormatException("no output format given: use pkcs8, rsa or pfx");
    }
    if (passphrase != null && passphrase.length == 0) {
      throw new KeyFormatException("the passphrase must not be empty");
    }
    if (format == KeyFormat.PFX) {
      return writePfx(passphrase, certificateChainPem, friendlyName);
    }
    PrivateKeyInfo info = canonicalInfo();
    return format == KeyFormat.PKCS8 ? PemKeys.writePkcs8(info, passphrase) : PemKeys.writeTraditional(info, passphrase);
  }

  private byte[] writePfx(char[] passphrase, List<String> certificateChainPem, String friendlyName) {
    if (passphrase == null) {
      throw new KeyFormatException("pfx output needs a passphrase");
    }
    List<X509CertificateHolder> chain = Pem.certificates(certificateChainPem);
    if (chain.isEmpty()) {
      throw new KeyFormatException("pfx output needs the certificate chain, leaf first");
    }
    if (!matches(chain.get(0))) {
      throw new KeyFormatException("the first certificate of the chain is not for this key");
    }
    String name = friendlyName == null || friendlyName.isBlank() ? "key" : friendlyName;
    return Pkcs12.write(canonicalInfo(), chain, passphrase, name);
  }

  private PrivateKeyInfo canonicalInfo() {
    byte[] der = privateKey.getEncoded();
    try {
      return PrivateKeys.canonical(PrivateKeyInfo.getInstance(der));
    } finally {
      Secrets.wipe(der);
    }
  }

  /** True when certificatePem's public key is this key's public key. */
  public boolean matches(String certificatePem) {
    return matches(Pem.certificate(certificatePem));
  }

  // Compared as numbers, not encodings: the same EC point can be encoded compressed or not.
  private boolean matches(X509CertificateHolder certificate) {
    PublicKey other;
    try {
      other = new JcaX509CertificateConverter().getCertificate(certificate).getPublicKey();
    } catch (CertificateException e) {
      throw new KeyFormatException("unreadable certificate", e);
    }
    if (publicKey instanceof RSAPublicKey mine && other instanceof RSAPublicKey theirs) {
      return mine.getModulus().equals(theirs.getModulus())
          && mine.getPublicExponent().equals(theirs.getPublicExponent());
    }
    if (publicKey instanceof ECPublicKey mine && other instanceof ECPublicKey theirs) {
      return mine.getW().equals(theirs.getW()) && mine.getParams().getCurve().equals(theirs.getParams().getCurve());
    }
    return false;
  }

  /** Chain read from a PFX input (leaf first), or an empty list. */
  public List<String> certificateChainPem() {
    return chainPem;
  }

  @Override
  public String toString() {
    return "KeyMaterial[" + algorithm() + " " + keySize() + "]";
  }
}
