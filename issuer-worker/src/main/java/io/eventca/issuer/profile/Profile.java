package io.eventca.issuer.profile;

import io.eventca.events.KeyAlgorithm;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * What a certificate issued under a profile is for, in the form the certificate builder and the linter use:
 * its extended key usages, its key usage per subject key type (an RSA key can encipher a TLS key exchange, an
 * EC key only signs), and the naming and validity rules of the request.
 *
 * @param keyUsageByKeyType key usage bits ({@link KeyUsage#digitalSignature} ...) per key algorithm
 * @param requiresHost whether a request must name a DNS host
 * @param commonNameInSubjectAltName whether the subject CN must also be one of the subjectAltNames
 * @param emailAddresses whether the subject may carry an e-mail address
 */
public record Profile(
    String name,
    List<KeyPurposeId> extendedKeyUsages,
    Map<KeyAlgorithm, Integer> keyUsageByKeyType,
    boolean requiresHost,
    boolean commonNameInSubjectAltName,
    int maxValidityDays,
    boolean emailAddresses) implements io.eventca.lint.LintProfile {

  public Profile {
    extendedKeyUsages = List.copyOf(extendedKeyUsages);
    keyUsageByKeyType = Map.copyOf(keyUsageByKeyType);
  }

  /** A profile whose subjects carry no e-mail address. */
  public Profile(String name, List<KeyPurposeId> extendedKeyUsages, Map<KeyAlgorithm, Integer> keyUsageByKeyType,
      boolean requiresHost, boolean commonNameInSubjectAltName, int maxValidityDays) {
    this(name, extendedKeyUsages, keyUsageByKeyType, requiresHost, commonNameInSubjectAltName, maxValidityDays, false);
  }

  /** What this profile says about names, for the shared subjectAltName rules (request-checks). */
  public io.eventca.checks.names.NameRules nameRules() {
    return new io.eventca.checks.names.NameRules(name, requiresHost, commonNameInSubjectAltName);
  }

  @Override
  public KeyUsage keyUsageFor(KeyAlgorithm keyAlgorithm) {
    Integer bits = keyUsageByKeyType.get(keyAlgorithm);
    if (bits == null) {
      throw new IllegalArgumentException("profile " + name + " has no key usage for " + keyAlgorithm + " keys");
    }
    return new KeyUsage(bits);
  }

  public ExtendedKeyUsage extendedKeyUsage() {
    return new ExtendedKeyUsage(extendedKeyUsages.toArray(KeyPurposeId[]::new));
  }
}
