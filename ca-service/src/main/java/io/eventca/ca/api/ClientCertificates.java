package io.eventca.ca.api;

import io.eventca.ca.config.ApiConfig;
import io.eventca.ca.model.CertificateRecord;
import io.eventca.ca.model.Db;
import io.eventca.checks.subject.DecodedSubject;
import io.eventca.checks.subject.RoleClaims;
import io.eventca.checks.subject.SubjectProblem;
import io.eventca.checks.subject.Subjects;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.CertificateCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Callers with a client certificate (mutual TLS on ca-service's HTTPS port): the certificate's CN is the principal,
 * and its roles are the OU values {@code eventca-role:admin}, {@code eventca-role:operator} or
 * {@code eventca-role:requester}. TLS has already checked that the client CA (the one trust anchor configured for
 * the HTTPS port, an eventca CA) issued it; this also requires that eventca's history holds that very certificate and
 * that it is neither revoked nor expired, so revoking a client certificate in eventca ends its access at once.
 * Nobody but an admin can obtain a role: the issuer-worker refuses {@code eventca-role:} in any request held to a
 * requester policy (fleet and REST requesters).
 */
@ApplicationScoped
public class ClientCertificates implements SecurityIdentityAugmentor {

  private final ApiConfig config;

  public ClientCertificates(ApiConfig config) {
    this.config = config;
  }

  @Override
  public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
    CertificateCredential credential = identity.getCredential(CertificateCredential.class);
    if (credential == null || identity.isAnonymous()) {
      return Uni.createFrom().item(identity);
    }
    X509Certificate certificate = credential.getCertificate();
    return context.runBlocking(() -> {
      requireIssuedAndValid(certificate);
      QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
          .setPrincipal(new QuarkusPrincipal(commonName(certificate)))
          .addCredential(credential)
          .setAnonymous(false);
      roles(certificate).forEach(builder::addRole);
      return builder.build();
    });
  }

  /**
   * Issued directly by the client CA (not by a CA below it, which TLS would accept too), recorded in eventca's history
   * byte for byte, and neither revoked nor expired.
   */
  private void requireIssuedAndValid(X509Certificate certificate) {
    String clientCa = config.clientCaId()
        .orElseThrow(() -> new AuthenticationFailedException("no client CA is configured (eventca.api.client-ca-id)"));
    String id = CertificateRecord.idOf(clientCa, certificate.getSerialNumber().toString(16));
    String der = base64(certificate);
    CertificateRecord row = java.util.Optional.ofNullable(Db.read(() -> CertificateRecord.<CertificateRecord>findById(id)))
        .filter(r -> r.certificatePem != null && body(r.certificatePem).equals(der))
        .orElseThrow(() -> new AuthenticationFailedException("the client certificate was not issued by eventca's client CA"));
    if (row.revokedAt != null || Instant.now().isAfter(row.notAfter)) {
      throw new AuthenticationFailedException("the client certificate is revoked or expired");
    }
  }

  /** The exact {@code OU=eventca-role:<role>} values of the subject as the one subject decoder reads it. */
  static List<String> roles(X509Certificate certificate) {
    return RoleClaims.granted(subject(certificate));
  }

  static String commonName(X509Certificate certificate) {
    List<String> names = subject(certificate).commonNames();
    if (names.size() != 1) {
      throw new AuthenticationFailedException("the client certificate has no common name");
    }
    return names.get(0);
  }

  /**
   * Read by request-checks' decoder, as the issuer read it when it decided the certificate's roles: a subject it
   * refuses (a BMPString, an invisible character, ...) is no identity at all, so no second reading can differ.
   */
  private static DecodedSubject subject(X509Certificate certificate) {
    try {
      return Subjects.decode(certificate.getSubjectX500Principal().getEncoded());
    } catch (SubjectProblem e) {
      throw new AuthenticationFailedException("the client certificate's subject cannot be read: " + e.getMessage());
    }
  }

  /** The base64 of a PEM certificate, without its armour and line breaks. */
  private static String body(String pem) {
    return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
  }

  private static String base64(X509Certificate certificate) {
    try {
      return Base64.getEncoder().encodeToString(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new AuthenticationFailedException("the client certificate cannot be encoded");
    }
  }
}
