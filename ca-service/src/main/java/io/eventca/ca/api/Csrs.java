package io.eventca.ca.api;

import java.io.IOException;
import java.io.StringReader;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Refuses, at the door, a CSR that is not a PEM PKCS#10 or whose signature does not verify, so the caller
 * gets a 400 at once. The issuer-worker checks again; this is a courtesy, not the control.
 */
final class Csrs {
  // The JDK's provider cannot map every CSR signature OID (ECDSA among them); Bouncy Castle can.
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private Csrs() {}

  static void requireValid(String pem) {
    Object parsed;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      parsed = parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw ApiError.invalidField("csr", "must be a PEM-encoded PKCS#10 certificate request");
    }
    if (!(parsed instanceof PKCS10CertificationRequest csr)) {
      throw ApiError.invalidField("csr", "must be a PEM-encoded PKCS#10 certificate request (-----BEGIN CERTIFICATE REQUEST-----)");
    }
    boolean valid;
    try {
      valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BC).build(csr.getSubjectPublicKeyInfo()));
    } catch (Exception e) {
      valid = false;
    }
    if (!valid) {
      throw ApiError.invalidField("csr", "signature does not verify with the CSR's own public key (proof of possession failed)");
    }
  }
}
