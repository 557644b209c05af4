package io.eventca.bench.crl;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away RSA-2048 CA for the CRL benchmarks; a fresh key each run, never a real one. */
public final class BenchCa {
  public static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

  private final KeyPair keys;
  private final X500Name name = new X500Name("CN=CRL Bench CA,O=eventca");
  private final byte[] keyId;
  private final X509CertificateHolder certificate;

  public BenchCa() throws GeneralSecurityException {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    keys = gen.generateKeyPair();
    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
    keyId = new BcX509ExtensionUtils().createSubjectKeyIdentifier(spki).getKeyIdentifier();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try {
      X509v3CertificateBuilder b = new X509v3CertificateBuilder(name, BigInteger.ONE,
          Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(3650, ChronoUnit.DAYS)), name, spki);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(Extension.subjectKeyIdentifier, false, new BcX509ExtensionUtils().createSubjectKeyIdentifier(spki));
      certificate = b.build(signer());
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** A new signer per CRL: a ContentSigner holds the running signature state of one message. */
  public ContentSigner signer() {
    try {
      return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keys.getPrivate());
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  public X500Name name() {
    return name;
  }

  public byte[] keyId() {
    return keyId.clone();
  }

  public PublicKey publicKey() {
    return keys.getPublic();
  }

  public X509CertificateHolder certificate() {
    return certificate;
  }
}
