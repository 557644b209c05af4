package io.eventca.custody;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps PKCS#8 private keys with AES-256-GCM under a key-encryption key that only the signing services hold.
 * The CA id is the additional authenticated data, so a wrapped key cannot be replayed under another CA.
 * Wire form of {@code wrappedPrivateKey}: base64(12-byte IV || ciphertext+tag).
 */
public final class KekWrappedCustody implements CaKeyCustody {
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final String kekId;
  private final SecretKeySpec kek;
  private final SecureRandom random = new SecureRandom();

  public KekWrappedCustody(String kekId, byte[] kekBytes) {
    if (kekBytes == null || kekBytes.length != 32) {
      throw new IllegalArgumentException("the key-encryption key must be 32 bytes (AES-256)");
    }
    if (kekId == null || kekId.isBlank()) {
      throw new IllegalArgumentException("the key-encryption key needs an id");
    }
    this.kekId = kekId;
    this.kek = new SecretKeySpec(kekBytes.clone(), "AES");
  }

  /** @param base64Kek the KEK as base64 of 32 random bytes, e.g. from {@code openssl rand -base64 32} */
  public static KekWrappedCustody fromBase64(String kekId, String base64Kek) {
    return new KekWrappedCustody(kekId, Base64.getDecoder().decode(base64Kek.trim()));
  }

  @Override
  public CaKeyStored store(CaId caId, KeyPair keyPair) {
    byte[] plain = keyPair.getPrivate().getEncoded();
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(caId.value().getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain);
      byte[] wire = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
      return new CaKeyStored(
          caId,
          KeyAlgorithm.valueOf(keyPair.getPrivate().getAlgorithm()),
          kekId,
          Base64.getEncoder().encodeToString(wire),
          publicKeySha256(keyPair));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot wrap the CA key", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  @Override
  public PrivateKey privateKey(CaKeyStored stored) {
    if (!kekId.equals(stored.kekId())) {
      throw new IllegalStateException(
          "the key of CA " + stored.caId() + " is wrapped under KEK " + stored.kekId() + ", this service holds " + kekId);
    }
    byte[] wire = Base64.getDecoder().decode(stored.wrappedPrivateKey());
    byte[] plain = null;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, wire, 0, IV_BYTES));
      cipher.updateAAD(stored.caId().value().getBytes(StandardCharsets.UTF_8));
      plain = cipher.doFinal(wire, IV_BYTES, wire.length - IV_BYTES);
      return KeyFactory.getInstance(stored.keyAlgorithm().name()).generatePrivate(new PKCS8EncodedKeySpec(plain));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot unwrap the key of CA " + stored.caId(), e);
    } finally {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  static String publicKeySha256(KeyPair keyPair) throws GeneralSecurityException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(keyPair.getPublic().getEncoded()));
  }
}
