package io.eventca.crl.codec;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away self-signed CA, enough to sign CRLs and to let the JDK and openssl check them. */
record TestCa(KeyPair keys, X509Certificate certificate, X500Name name, byte[] keyId, String signatureAlgorithm) {

  static TestCa rsa() {
    return create("RSA", null, "SHA256withRSA", "CN=CRL Test RSA CA,O=eventca");
  }

  static TestCa ec() {
    return create("EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA", "CN=CRL Test EC CA,O=eventca");
  }

  private static TestCa create(String keyType, ECGenParameterSpec curve, String sigAlg, String dn) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance(keyType);
      if (curve != null) {
        gen.initialize(curve);
      } else {
        gen.initialize(2048);
      }
      KeyPair keys = gen.generateKeyPair();
      X500Name name = new X500Name(dn);
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
      byte[] keyId = new BcX509ExtensionUtils().createSubjectKeyIdentifier(spki).getKeyIdentifier();
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      X509v3CertificateBuilder b = new X509v3CertificateBuilder(name, BigInteger.ONE,
          Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(3650, ChronoUnit.DAYS)), name, spki);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(Extension.subjectKeyIdentifier, false, new BcX509ExtensionUtils().createSubjectKeyIdentifier(spki));
      ContentSigner signer = new JcaContentSignerBuilder(sigAlg).build(keys.getPrivate());
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
      return new TestCa(keys, cert, name, keyId, sigAlg);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  ContentSigner signer() {
    try {
      return new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String pem() throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  /** Parses with the JDK and checks the signature against this CA's key. */
  X509CRL parseAndVerify(byte[] der) throws Exception {
    X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    crl.verify(keys.getPublic());
    return crl;
  }
}
