package io.eventca.checks.csr;

import io.eventca.events.KeyAlgorithm;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** A CSR that parsed, whose key is good enough, and whose signature proved possession of that key. */
public record CheckedCsr(
    PKCS10CertificationRequest csr, X500Name subject, SubjectPublicKeyInfo publicKey, KeyAlgorithm keyAlgorithm,
    List<GeneralName> requestedNames) {

  public CheckedCsr {
    requestedNames = List.copyOf(requestedNames);
  }
}
