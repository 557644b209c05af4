package io.eventca.ca.api;

import io.eventca.ca.projection.Certificates;
import io.eventca.checks.RequestProblem;
import io.eventca.checks.csr.CheckedCsr;
import io.eventca.checks.csr.CsrChecks;
import io.eventca.checks.csr.KeyQuality;
import io.eventca.checks.names.NameRules;
import io.eventca.checks.names.SubjectAltNames;
import io.eventca.checks.subject.SubjectFields;
import io.eventca.checks.subject.SubjectProblem;
import io.eventca.checks.subject.Subjects;
import io.eventca.events.SubjectName;
import io.eventca.events.profile.CertificateProfile;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The issuer-worker's own request checks (request-checks: CsrChecks, KeyQuality, SubjectAltNames), run at the REST
 * door so that a request the worker would refuse is a 400 at once and nothing is recorded. There is no second copy
 * of any rule here: this class only says a {@link RequestProblem} as problem+json, naming the request's field and
 * carrying the refusal {@code code} the worker would have sent over Kafka.
 */
final class DoorChecks {
  private DoorChecks() {}

  static CheckedCsr csr(String pem) {
    try {
      return CsrChecks.check(pem);
    } catch (RequestProblem p) {
      throw refused(p, "csr");
    }
  }

  /** A CSR's subject, when it is the one certified, must read back under the one subject decoder. */
  static void issuableSubject(CheckedCsr csr) {
    try {
      Subjects.decode(csr.subject());
    } catch (SubjectProblem e) {
      throw ApiError.invalidField("csr", "has a subject eventca cannot issue: " + e.getMessage());
    }
  }

  /**
   * A CSR for the CA's own key: its holder holds the CA key, and the worker would refuse it (weak-key). The keys of
   * the issuer's other CAs are the worker's to check (it holds them all in memory; the door would need a query).
   */
  static void notTheCasKey(CheckedCsr csr, String caCertificatePem) {
    X509CertificateHolder ca = Certificates.parse(caCertificatePem);
    if (ca == null) {
      return; // an ACTIVE CA always has one; without it the worker decides
    }
    try {
      KeyQuality.checkNotCaKey(csr.publicKey(), ca.getSubjectPublicKeyInfo());
    } catch (RequestProblem p) {
      throw refused(p, "csr");
    }
  }

  /** A requester's registered key is held to the rules of a CSR's key. */
  static void acceptableKey(String field, SubjectPublicKeyInfo key) {
    try {
      KeyQuality.check(key);
    } catch (RequestProblem p) {
      throw refused(p, field);
    }
  }

  /**
   * The names the certificate would carry, decided exactly as the issuer-worker decides them.
   *
   * @param csr null when eventca generates the key (then host and subject are given)
   * @param subject the subject given in the request's fields, null when the CSR's is certified
   */
  static void issuableNames(CheckedCsr csr, CertificateProfile profile, String host, List<String> sans, SubjectName subject) {
    X500Name certified = subject != null ? SubjectFields.toX500Name(subject) : csr.subject();
    try {
      SubjectAltNames.forRequest(certified, NameRules.of(profile), host, sans, csr == null ? List.of() : csr.requestedNames());
    } catch (RequestProblem p) {
      throw refused(p, "subject".equals(p.field()) ? (subject == null ? "csr" : "commonName") : p.field());
    }
  }

  private static ApiError refused(RequestProblem p, String field) {
    return ApiError.refusal(p.code(), p.detail()).with("field", field == null ? "csr" : field).with("rule", p.detail());
  }
}
