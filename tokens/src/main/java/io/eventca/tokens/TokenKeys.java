package io.eventca.tokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The token-signing key pair: the private half signs bearer tokens (and nothing else: it is no CA key and
 * certifies nothing), the public half is all ca-service gets. PEM, as openssl writes them: PKCS#8 and SPKI.
 */
public final class TokenKeys {
  public static final String PRIVATE_KEY_FILE = "token-signing-key.pem";
  public static final String PUBLIC_KEY_FILE = "token-signing.pub.pem";
  /** RSA-3072: 128-bit security, which NIST SP 800-57 asks of keys used past 2030. */
  static final int KEY_BITS = 3072;
  private static final int MIN_VERIFY_BITS = 2048;
  private static final int MAX_PEM_BYTES = 64 * 1024;

  private TokenKeys() {}

  /** The two files of {@link #init}. */
  public record KeyFiles(Path privateKey, Path publicKey) {}

  /**
   * Makes the key pair in {@code dir} (created if missing). Refuses when either file exists: overwriting
   * would silently invalidate every token in use and leave ca-service with a key that matches nothing.
   */
  public static KeyFiles init(Path dir) throws IOException {
    Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
    Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
    for (Path existing : new Path[] {privateFile, publicFile}) {
      if (Files.exists(existing)) {
        throw new TokenException(existing + " already exists; delete both key files first to start over"
            + " (every token signed with the old key stops working)");
      }
    }
    Files.createDirectories(dir);
    KeyPair pair = generate();
    try {
      // Created owner-only from the first byte on, not chmod-ed afterwards.
      Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      throw new TokenException(privateFile + " already exists");
    }
    Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
    return new KeyFiles(privateFile, publicFile);
  }

  static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(KEY_BITS);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate RSA keys", e);
    }
  }

  /** The signing key from a PKCS#8 PEM file (as {@link #init} writes it). */
  public static PrivateKey readPrivateKey(Path file) {
    byte[] der = der(file, "PRIVATE KEY");
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new TokenException(file + " is not an RSA private key in PKCS#8 PEM (BEGIN PRIVATE KEY)");
    }
  }

  /** The verification key from an SPKI PEM file (BEGIN PUBLIC KEY), at least RSA-2048. */
  public static PublicKey readPublicKey(Path file) {
    byte[] der = der(file, "PUBLIC KEY");
    PublicKey key;
    try {
      key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new TokenException(file + " is not an RSA public key in PEM (BEGIN PUBLIC KEY)");
    }
    int bits = ((RSAKey) key).getModulus().bitLength();
    if (bits < MIN_VERIFY_BITS) {
      throw new TokenException(file + " holds an RSA-" + bits + " key; at least RSA-" + MIN_VERIFY_BITS + " is required");
    }
    return key;
  }

  private static byte[] der(Path file, String label) {
    String text;
    try {
      if (Files.size(file) > MAX_PEM_BYTES) {
        throw new TokenException(file + " is too large to be a PEM key");
      }
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new TokenException(file + " does not exist");
    } catch (java.nio.file.AccessDeniedException e) {
      throw new TokenException(file + " cannot be read (permission denied)");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new TokenException(file + " cannot be read: " + e.getMessage());
    }
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new TokenException(file + " has no " + begin + " block");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new TokenException(file + " has a " + label + " block that is not base64");
    }
  }

  static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }
}
