package io.eventca.custody;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * CA keys generated inside a PKCS#11 token through the JDK's SunPKCS11 provider: token objects, private, sensitive
 * and not extractable, so no copy of the key exists outside the token and the events only name it. Finding a token by
 * label needs {@value TokenSlots#ADD_EXPORTS}.
 */
public final class Pkcs11Custody implements CaKeyCustody {
  public static final Path DEFAULT_LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
  private static final String KEY_LABEL_PREFIX = "eventca-ca-";
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /** Applied by the token to every private key SunPKCS11 generates through this provider. */
  private static final String GENERATED_KEY_ATTRIBUTES =
      """
      attributes(generate, CKO_PRIVATE_KEY, *) = {
        CKA_TOKEN = true
        CKA_PRIVATE = true
        CKA_SENSITIVE = true
        CKA_EXTRACTABLE = false
      }
      """;

  private final String tokenLabel;
  private final Provider provider;
  private final KeyStore keyStore;

  public Pkcs11Custody(Path library, String tokenLabel, char[] pin) {
    if (!Files.isReadable(library)) {
      throw new IllegalStateException("PKCS#11 module " + library + " does not exist or cannot be read");
    }
    this.tokenLabel = tokenLabel;
    this.provider = configure(library, TokenSlots.slotOf(library.toString(), tokenLabel));
    this.keyStore = login(provider, tokenLabel, pin);
  }

  public Pkcs11Custody(String tokenLabel, char[] pin) {
    this(DEFAULT_LIBRARY, tokenLabel, pin);
  }

  /** The key's name in the token: one per CA, so a retried CA creation finds the key its first attempt made. */
  public static String keyLabel(CaId caId) {
    return KEY_LABEL_PREFIX + caId.value();
  }

  /** The SunPKCS11 instance of this token, for verifying or other operations that must run inside it. */
  public Provider provider() {
    return provider;
  }

  public String tokenLabel() {
    return tokenLabel;
  }

  /** Refused: a key generated outside the token has existed in plaintext, which this custody exists to prevent. */
  @Override
  public CaKeyStored store(CaId caId, KeyPair keyPair) {
    throw new UnsupportedOperationException("PKCS#11 custody keeps only keys generated inside the token: call generate()");
  }

  /**
   * Generates the key pair inside the token, or returns the one an earlier attempt for this CA made (its Kafka
   * transaction may have aborted after the key existed) when it has the same algorithm and size.
   */
  @Override
  public synchronized GeneratedKey generate(CaId caId, KeyAlgorithm algorithm, int keySize) {
    String alias = keyLabel(caId);
    try {
      if (keyStore.containsAlias(alias)) {
        return existing(caId, alias, algorithm, keySize);
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.name(), provider);
      switch (algorithm) {
        case RSA -> generator.initialize(keySize);
        case EC -> generator.initialize(new ECGenParameterSpec(SoftwareKeys.curve(keySize)));
      }
      KeyPair pair = generator.generateKeyPair();
      keyStore.setKeyEntry(alias, pair.getPrivate(), null, new Certificate[] {HolderCertificate.selfSigned(caId, pair, provider)});
      return found(caId, alias, algorithm, jdkKey(pair.getPublic()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + algorithm + " " + keySize + " key for CA " + caId + " in token " + tokenLabel, e);
    }
  }

  /** The token's handle of the key: signing works through {@link #provider()}, {@code getEncoded()} is null. */
  @Override
  public PrivateKey privateKey(CaKeyStored stored) {
    requireHere(stored);
    try {
      Key key = keyStore.getKey(stored.keyLabel(), null);
      if (!(key instanceof PrivateKey privateKey)) {
        throw new IllegalStateException("token " + tokenLabel + " has no private key " + stored.keyLabel() + " for CA " + stored.caId());
      }
      String sha256 = SoftwareKeys.sha256(keyStore.getCertificate(stored.keyLabel()).getPublicKey());
      if (!sha256.equals(stored.publicKeySha256())) {
        throw new IllegalStateException(
            "key " + stored.keyLabel() + " in token " + tokenLabel + " is not the key recorded for CA " + stored.caId()
                + " (public key SHA-256 " + sha256 + ", recorded " + stored.publicKeySha256() + ")");
      }
      return privateKey;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read key " + stored.keyLabel() + " from token " + tokenLabel, e);
    }
  }

  /** Signs inside the token: the JCA signature runs in this token's provider, whatever the key type. */
  @Override
  public ContentSigner signer(CaKeyStored stored, String digest) {
    String algorithm = SignatureAlgorithms.jcaName(digest, stored.keyAlgorithm().name());
    try {
      return new JcaContentSignerBuilder(algorithm).setProvider(provider).build(privateKey(stored));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot build a " + algorithm + " signer in token " + tokenLabel, e);
    }
  }

  @Override
  public boolean holds(CaKeyStored stored) {
    if (stored.custodyKind() != CaKeyStored.Custody.pkcs11 || !tokenLabel.equals(stored.tokenLabel()) || stored.keyLabel() == null) {
      return false;
    }
    try {
      return keyStore.isKeyEntry(stored.keyLabel());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private GeneratedKey existing(CaId caId, String alias, KeyAlgorithm algorithm, int keySize) throws GeneralSecurityException {
    PublicKey publicKey = jdkKey(keyStore.getCertificate(alias).getPublicKey());
    if (!publicKey.getAlgorithm().equals(algorithm.name()) || SoftwareKeys.keySize(publicKey) != keySize) {
      throw new IllegalStateException(
          "token " + tokenLabel + " already holds a " + publicKey.getAlgorithm() + " " + SoftwareKeys.keySize(publicKey)
              + " key for CA " + caId + ", not the " + algorithm + " " + keySize + " asked for");
    }
    return found(caId, alias, algorithm, publicKey);
  }

  private GeneratedKey found(CaId caId, String alias, KeyAlgorithm algorithm, PublicKey publicKey) {
    return new GeneratedKey(publicKey, CaKeyStored.inToken(caId, algorithm, SoftwareKeys.sha256(publicKey), tokenLabel, alias));
  }

  private void requireHere(CaKeyStored stored) {
    if (stored.custodyKind() != CaKeyStored.Custody.pkcs11) {
      throw new IllegalStateException("the key of CA " + stored.caId() + " is wrapped under KEK " + stored.kekId() + ", not in a PKCS#11 token");
    }
    if (!tokenLabel.equals(stored.tokenLabel())) {
      throw new IllegalStateException(
          "the key of CA " + stored.caId() + " is in PKCS#11 token " + stored.tokenLabel() + ", this service uses token " + tokenLabel);
    }
  }

  /** A JDK public key: callers put it into certificates and keep it after this custody is gone. */
  private static PublicKey jdkKey(PublicKey tokenKey) throws GeneralSecurityException {
    return KeyFactory.getInstance(tokenKey.getAlgorithm()).generatePublic(new X509EncodedKeySpec(tokenKey.getEncoded()));
  }

  private static Provider configure(Path library, long slot) {
    Provider prototype = Security.getProvider("SunPKCS11");
    if (prototype == null) {
      throw new IllegalStateException("this JDK has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
    }
    String config = "name = eventca" + INSTANCES.incrementAndGet() + "\nlibrary = \"" + library + "\"\nslot = " + slot + "\n" + GENERATED_KEY_ATTRIBUTES;
    try {
      Path file = Files.createTempFile("eventca-pkcs11-", ".cfg");
      try {
        Files.writeString(file, config);
        return prototype.configure(file.toString());
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the SunPKCS11 configuration", e);
    }
  }

  private static KeyStore login(Provider provider, String tokenLabel, char[] pin) {
    try {
      KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
      keyStore.load(null, pin);
      return keyStore;
    } catch (IOException e) {
      throw new IllegalStateException("cannot log in to PKCS#11 token " + tokenLabel + " (wrong PIN?): " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot open the key store of PKCS#11 token " + tokenLabel, e);
    }
  }
}
