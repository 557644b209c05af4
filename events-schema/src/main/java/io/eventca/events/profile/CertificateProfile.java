package io.eventca.events.profile;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a certificate issued under a named profile carries, as data that operators can read
 * ({@code GET /api/v1/profiles}) and that issuer-worker applies. Names are RFC 5280's: extended key usages
 * {@code serverAuth clientAuth emailProtection codeSigning timeStamping OCSPSigning}, key usages
 * {@code digitalSignature keyEncipherment keyAgreement ...}.
 *
 * @param keyUsageByKeyType the key usage names per subject key algorithm (RSA, EC): an EC key cannot encipher
 * @param requiresHost whether the request must name a DNS host (placed in subjectAltName)
 * @param commonNameInSubjectAltName whether the subject CN must also be one of the subjectAltNames
 * @param emailAddresses whether the subject may carry an e-mail address at all (create_cert.sh -E); a requester's
 *     policy must still allow each one
 */
public record CertificateProfile(
    String name,
    String description,
    List<String> extendedKeyUsages,
    Map<String, List<String>> keyUsageByKeyType,
    boolean requiresHost,
    boolean commonNameInSubjectAltName,
    int maxValidityDays,
    boolean emailAddresses) {

  public CertificateProfile {
    Objects.requireNonNull(name, "name");
    extendedKeyUsages = List.copyOf(extendedKeyUsages);
    keyUsageByKeyType = Map.copyOf(keyUsageByKeyType);
  }
}
