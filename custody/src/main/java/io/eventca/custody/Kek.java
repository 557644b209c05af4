package io.eventca.custody;

import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One key-encryption key and its id. AES-256-GCM with the CA id as additional authenticated data, so a wrapped key
 * cannot be replayed under another CA. Wire form of {@code wrappedPrivateKey}: base64(12-byte IV || ciphertext+tag).
 */
public final class Kek {
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String id;
  private final SecretKeySpec key;

  public Kek(String id, byte[] keyBytes) {
    if (keyBytes == null || keyBytes.length != 32) {
      throw new IllegalArgumentException("the key-encryption key must be 32 bytes (AES-256)");
    }
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("the key-encryption key needs an id");
    }
    this.id = id;
    this.key = new SecretKeySpec(keyBytes.clone(), "AES");
  }

  /** @param base64Kek the KEK as base64 of 32 random bytes, e.g. from {@code openssl rand -base64 32} */
  public static Kek fromBase64(String id, String base64Kek) {
    return new Kek(id, Base64.getDecoder().decode(base64Kek.trim()));
  }

  public String id() {
    return id;
  }

  /** Wire form of {@code plain} wrapped for {@code caId}. The caller owns {@code plain} and zeroes it. */
  String wrap(CaId caId, byte[] plain) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad(caId));
      byte[] sealed = cipher.doFinal(plain);
      return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot wrap the key of CA " + caId + " under KEK " + id, e);
    }
  }

  /** The PKCS#8 bytes of a key wrapped under this KEK; the caller zeroes them when done. */
  byte[] unwrap(CaKeyStored stored) {
    byte[] wire = Base64.getDecoder().decode(stored.wrappedPrivateKey());
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, wire, 0, IV_BYTES));
      cipher.updateAAD(aad(stored.caId()));
      return cipher.doFinal(wire, IV_BYTES, wire.length - IV_BYTES);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "cannot unwrap the key of CA " + stored.caId() + ": AES-GCM authentication failed under KEK " + id
              + " (these are not the KEK bytes that wrapped it, or the record was altered or moved to another CA id)",
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot unwrap the key of CA " + stored.caId() + " under KEK " + id, e);
    }
  }

  private static byte[] aad(CaId caId) {
    return caId.value().getBytes(StandardCharsets.UTF_8);
  }
}
