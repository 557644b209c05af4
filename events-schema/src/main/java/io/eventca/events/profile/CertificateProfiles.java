package io.eventca.events.profile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of end-entity profiles, shared by ca-service (to show and check names) and issuer-worker (to
 * apply them). The EKUs are the Genesys Security Pack's recommendation: server applications need serverAuth,
 * clientAuth and emailProtection; GUI (client) applications clientAuth and emailProtection. Both take the
 * Security Pack's -E, an e-mail address in the subject, which a requester's policy must allow value by value
 * ({@code allowedSubject.email}): with emailProtection it makes the certificate an S/MIME credential for that address.
 */
public final class CertificateProfiles {
  private static final Map<String, List<String>> TLS_KEY_USAGE =
      Map.of("RSA", List.of("digitalSignature", "keyEncipherment"), "EC", List.of("digitalSignature"));

  public static final CertificateProfile SERVER =
      new CertificateProfile(
          "server",
          "Server applications (create_cert.sh): TLS server and client authentication, and e-mail protection.",
          List.of("serverAuth", "clientAuth", "emailProtection"),
          TLS_KEY_USAGE,
          false,
          true,
          3650,
          true);

  public static final CertificateProfile CLIENT =
      new CertificateProfile(
          "client",
          "GUI and client applications: TLS client authentication and e-mail protection.",
          List.of("clientAuth", "emailProtection"),
          TLS_KEY_USAGE,
          false,
          false,
          3650,
          true);

  public static final List<CertificateProfile> ALL = List.of(SERVER, CLIENT);

  private CertificateProfiles() {}

  public static Optional<CertificateProfile> byName(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
