package io.eventca.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * PKCS#12 files. Written with BC's PDU builder rather than a KeyStore so every algorithm is chosen here, not by
 * {@code keystore.pkcs12.*} security properties of whichever JVM runs us (BC's own "PKCS12" KeyStore would even pick
 * RC2-40). Read with the JDK's KeyStore, which opens both modern and legacy files.
 */
final class Pkcs12 {
  /** Same reasoning as the PKCS8 count; the MAC gets it too, since guessing the passphrase against the MAC is cheapest. */
  static final int ITERATIONS = PemKeys.PBKDF2_ITERATIONS;

  private static final AlgorithmIdentifier HMAC_SHA256 =
      new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
  private static final SecureRandom RANDOM = new SecureRandom();

  record Content(PrivateKeyInfo key, List<String> chainPem) {}

  private Pkcs12() {}

  /** OpenSSL's layout: certificates in an encrypted safe, the key as a shrouded bag, both tagged with one localKeyId. */
  static byte[] write(PrivateKeyInfo key, List<X509CertificateHolder> chain, char[] passphrase, String friendlyName) {
    try {
      DEROctetString localKeyId = new DEROctetString(sha1(chain.get(0).getEncoded()));
      DERBMPString name = new DERBMPString(friendlyName);

      PKCS12SafeBag[] certificates = new PKCS12SafeBag[chain.size()];
      for (int i = 0; i < chain.size(); i++) {
        PKCS12SafeBagBuilder bag = new PKCS12SafeBagBuilder(chain.get(i));
        if (i == 0) {
          bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, name);
          bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
        }
        certificates[i] = bag.build();
      }
      // Two encryptors: each derives its own salt, key and IV.
      PKCS12SafeBag keyBag = new PKCS12SafeBagBuilder(key, encryptor(passphrase))
          .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, name)
          .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId)
          .build();

      return new PKCS12PfxPduBuilder()
          .addEncryptedData(encryptor(passphrase), certificates)
          .addData(keyBag)
          .build(new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256)
              .setProvider(Bc.provider())
              .setIterationCount(ITERATIONS), passphrase)
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException | OperatorCreationException | PKCSException e) {
      throw new IllegalStateException("cannot build the PKCS#12 file", e);
    }
  }

  private static OutputEncryptor encryptor(char[] passphrase) throws OperatorCreationException {
    return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
        .setProvider(Bc.provider())
        .setRandom(RANDOM)
        .setPRF(HMAC_SHA256)
        .setIterationCount(ITERATIONS)
        .build(passphrase);
  }

  /** The one private key in the file and its chain. */
  static Content read(byte[] input, char[] passphrase) {
    if (passphrase == null) {
      throw new PassphraseRequiredException("a passphrase is required to read pfx input");
    }
    if (PemKeys.looksLikePem(input)) {
      throw new KeyFormatException("the input is PEM, not PKCS#12: use informat pkcs8 or rsa");
    }
    KeyStore store = load(input, passphrase);
    try {
      List<String> aliases = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          aliases.add(alias);
        }
      }
      if (aliases.isEmpty()) {
        throw new KeyFormatException("the PKCS#12 input holds no private key");
      }
      if (aliases.size() > 1) {
        throw new KeyFormatException("the PKCS#12 input holds " + aliases.size() + " keys; expected one");
      }
      Key key = store.getKey(aliases.get(0), passphrase);
      if (!(key instanceof PrivateKey privateKey)) {
        throw new KeyFormatException("the PKCS#12 input holds no private key");
      }
      byte[] der = privateKey.getEncoded();
      try {
        return new Content(PrivateKeyInfo.getInstance(der), chainPem(store.getCertificateChain(aliases.get(0))));
      } finally {
        Secrets.wipe(der);
      }
    } catch (UnrecoverableKeyException e) {
      throw PemKeys.wrongPassphrase(e);
    } catch (GeneralSecurityException | RuntimeException e) {
      if (e instanceof KeyFormatException kfe) {
        throw kfe;
      }
      throw new KeyFormatException("unreadable PKCS#12 input", e);
    }
  }

  private static KeyStore load(byte[] input, char[] passphrase) {
    KeyStore store;
    try {
      // SUN's implementation, even if someone registered BC ahead of it.
      store = KeyStore.getInstance("PKCS12", "SUN");
    } catch (KeyStoreException | NoSuchProviderException e) {
      try {
        store = KeyStore.getInstance("PKCS12");
      } catch (KeyStoreException e2) {
        throw new IllegalStateException("no PKCS12 KeyStore in this JVM", e2);
      }
    }
    try {
      store.load(new ByteArrayInputStream(input), passphrase);
      return store;
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw PemKeys.wrongPassphrase(e);
      }
      throw new KeyFormatException("not a PKCS#12 (pfx) file, or a corrupt one", e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new KeyFormatException("not a PKCS#12 (pfx) file, or a corrupt one", e);
    }
  }

  private static List<String> chainPem(Certificate[] chain) throws GeneralSecurityException {
    List<String> pems = new ArrayList<>();
    if (chain != null) {
      for (Certificate certificate : chain) {
        pems.add(Pem.string("CERTIFICATE", certificate.getEncoded()));
      }
    }
    return List.copyOf(pems);
  }

  // localKeyId only pairs the key bag with its certificate; OpenSSL uses this same SHA-1 of the certificate.
  private static byte[] sha1(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
