package io.eventca.lint;

import io.eventca.events.KeyAlgorithm;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * What the profile rules compare a certificate with. issuer-worker's profiles are one kind; the OCSP responder
 * certificate crl-publisher makes is another ({@link #OCSP_RESPONDER}), so both are linted by the same rules.
 */
public interface LintProfile {
  /** A delegated OCSP responder's (RFC 6960 4.2.2.2): it signs OCSP responses and nothing else. */
  LintProfile OCSP_RESPONDER = new LintProfile() {
    @Override
    public String name() {
      return "ocsp-responder";
    }

    @Override
    public List<KeyPurposeId> extendedKeyUsages() {
      return List.of(KeyPurposeId.id_kp_OCSPSigning);
    }

    @Override
    public KeyUsage keyUsageFor(KeyAlgorithm keyAlgorithm) {
      return new KeyUsage(KeyUsage.digitalSignature);
    }

    @Override
    public boolean commonNameInSubjectAltName() {
      return false;
    }

    @Override
    public boolean emailAddresses() {
      return false;
    }
  };

  String name();

  List<KeyPurposeId> extendedKeyUsages();

  /** @throws IllegalArgumentException when the profile issues no certificate for this kind of key */
  KeyUsage keyUsageFor(KeyAlgorithm keyAlgorithm);

  /** Whether the subject CN must also be one of the subjectAltNames. */
  boolean commonNameInSubjectAltName();

  /** Whether the subject may carry an e-mail address. */
  boolean emailAddresses();
}
