package io.eventca.issuer;

import io.eventca.testkit.Csrs;
import java.io.IOException;
import java.io.StringReader;
import java.security.KeyPair;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** CSRs test-kit's Csrs does not make: with requested subjectAltNames, or signed with another algorithm. */
public final class TestCsrs {
  private TestCsrs() {}

  public static String withSans(KeyPair keys, String subject, GeneralName... sans) {
    try {
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
      PKCS10CertificationRequest csr =
          new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic())
              .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
              .build(new JcaContentSignerBuilder(algorithm(keys, "SHA256")).build(keys.getPrivate()));
      return Csrs.pem(csr);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String signedWith(KeyPair keys, String subject, String digest) {
    try {
      PKCS10CertificationRequest csr =
          new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic())
              .build(new JcaContentSignerBuilder(algorithm(keys, digest)).build(keys.getPrivate()));
      return Csrs.pem(csr);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same CSR with one bit of its signature flipped. */
  public static String tamperedSignature(String csrPem) {
    try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
      CertificationRequest structure = ((PKCS10CertificationRequest) parser.readObject()).toASN1Structure();
      byte[] signature = structure.getSignature().getOctets();
      signature[signature.length / 2] ^= 0x01;
      CertificationRequest tampered =
          new CertificationRequest(
              structure.getCertificationRequestInfo(), structure.getSignatureAlgorithm(), new DERBitString(signature));
      return Csrs.pem(new PKCS10CertificationRequest(tampered));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String algorithm(KeyPair keys, String digest) {
    return digest + (keys.getPrivate().getAlgorithm().equals("EC") ? "withECDSA" : "withRSA");
  }
}
