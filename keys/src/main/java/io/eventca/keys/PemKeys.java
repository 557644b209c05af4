package io.eventca.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.openssl.MiscPEMGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;

/** The two PEM formats: PKCS#8 ("PRIVATE KEY", "ENCRYPTED PRIVATE KEY") and OpenSSL traditional (RSA / EC). */
final class PemKeys {
  /** PBKDF2 rounds: OpenSSL 3 uses 2048; 100k costs ~0.1 s here, once per download, and slows guessing 50-fold. */
  static final int PBKDF2_ITERATIONS = 100_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  private PemKeys() {}

  /**
   * The first private key in PEM input, whichever of the four PEM key labels it carries: the label already says how to
   * decode it, so refusing "RSA PRIVATE KEY" under informat pkcs8 would only annoy. Other blocks (EC PARAMETERS,
   * certificates) are skipped, as OpenSSL skips them.
   */
  static PrivateKeyInfo read(byte[] input, char[] passphrase) {
    boolean sawCertificate = false;
    try (PEMParser parser = new PEMParser(new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.US_ASCII))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PrivateKeyInfo info) {
          return info;
        } else if (o instanceof PEMKeyPair pair) {
          return pair.getPrivateKeyInfo();
        } else if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
          return decrypt(encrypted, passphrase);
        } else if (o instanceof PEMEncryptedKeyPair encrypted) {
          return decrypt(encrypted, passphrase);
        } else if (o instanceof X509CertificateHolder) {
          sawCertificate = true;
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof KeyFormatException kfe) {
        throw kfe;
      }
      throw new KeyFormatException("unreadable PEM input", e);
    }
    if (sawCertificate) {
      throw new KeyFormatException("the input holds a certificate, not a private key");
    }
    if (!looksLikePem(input)) {
      throw new KeyFormatException("no PEM private key found: the input is not PEM (for a .pfx/.p12 file use informat pfx)");
    }
    throw new KeyFormatException("no PEM private key found in the input");
  }

  private static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] passphrase) {
    requirePassphrase(passphrase);
    try {
      return encrypted.decryptPrivateKeyInfo(
          new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Bc.provider()).build(passphrase));
    } catch (Exception e) {
      throw wrongPassphrase(e);
    }
  }

  private static PrivateKeyInfo decrypt(PEMEncryptedKeyPair encrypted, char[] passphrase) {
    requirePassphrase(passphrase);
    try {
      return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(Bc.provider()).build(passphrase))
          .getPrivateKeyInfo();
    } catch (Exception e) {
      throw wrongPassphrase(e);
    }
  }

  static byte[] writePkcs8(PrivateKeyInfo info, char[] passphrase) {
    if (passphrase == null) {
      byte[] der = null;
      try {
        der = info.getEncoded();
        return Pem.bytes(new PemObject("PRIVATE KEY", der));
      } catch (IOException e) {
        throw new IllegalStateException("cannot encode the private key", e);
      } finally {
        Secrets.wipe(der);
      }
    }
    try {
      var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
          .setProvider(Bc.provider())
          .setRandom(RANDOM)
          .setPRF(PKCS8Generator.PRF_HMACSHA256)
          .setIterationCount(PBKDF2_ITERATIONS)
          .setPassword(passphrase)
          .build();
      return Pem.bytes(new PKCS8Generator(info, encryptor));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot build the PKCS#8 encryptor", e);
    }
  }

  /**
   * "RSA PRIVATE KEY" or "EC PRIVATE KEY", chosen by MiscPEMGenerator from the key's algorithm. BC (1.86) hashes the
   * passphrase as UTF-8 here, as OpenSSL does with what was typed; a test with a non-ASCII passphrase guards that.
   */
  static byte[] writeTraditional(PrivateKeyInfo info, char[] passphrase) {
    if (passphrase == null) {
      return Pem.bytes(new MiscPEMGenerator(info));
    }
    var encryptor = new JcePEMEncryptorBuilder("AES-256-CBC")
        .setProvider(Bc.provider())
        .setSecureRandom(RANDOM)
        .build(passphrase);
    return Pem.bytes(new MiscPEMGenerator(info, encryptor));
  }

  private static void requirePassphrase(char[] passphrase) {
    if (passphrase == null) {
      throw new PassphraseRequiredException("the private key is encrypted: a passphrase is required");
    }
  }

  static KeyFormatException wrongPassphrase(Throwable cause) {
    return new KeyFormatException("wrong passphrase or corrupt input", cause);
  }

  /** Whether a PEM block starts anywhere in the input (OpenSSL output often has "Bag Attributes" text before it). */
  static boolean looksLikePem(byte[] input) {
    byte[] marker = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + marker.length <= input.length; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (input[i + j] != marker[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
