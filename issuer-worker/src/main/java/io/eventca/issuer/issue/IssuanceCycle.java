package io.eventca.issuer.issue;

import io.eventca.checks.csr.CheckedCsr;
import io.eventca.checks.csr.CsrChecks;
import io.eventca.checks.names.SubjectAltNames;
import io.eventca.checks.subject.DecodedSubject;
import io.eventca.checks.subject.SubjectAttribute;
import io.eventca.checks.subject.SubjectProblem;
import io.eventca.checks.subject.Subjects;
import io.eventca.custody.CaKeyCustody;
import io.eventca.events.Event;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import io.eventca.checks.Echo;
import io.eventca.checks.RequestProblem;
import io.eventca.issuer.ca.CustodyProofs;
import io.eventca.issuer.ca.SubjectNames;
import io.eventca.issuer.crypto.Digests;
import io.eventca.checks.csr.KeyQuality;
import io.eventca.issuer.crypto.Pem;
import io.eventca.issuer.crypto.SerialNumbers;
import io.eventca.lint.LintContext;
import io.eventca.lint.LintFailedException;
import io.eventca.lint.LintedSigner;
import io.eventca.lint.LintedTbs;
import io.eventca.lint.Linter;
import io.eventca.checks.policy.PolicyRequest;
import io.eventca.checks.policy.RequesterPolicies;
import io.eventca.events.registry.RequesterRegistered;
import io.eventca.issuer.profile.Profile;
import io.eventca.issuer.profile.Profiles;
import io.eventca.issuer.state.CaDirectory;
import io.eventca.issuer.state.IssuingCa;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jboss.logging.Logger;

/**
 * The issuance cycle of one CertificateRequested, step by step as docs/ISSUANCE-CYCLE.md numbers them:
 * (1) validate, (2) lint, (3) reserve the serial, (4) sign, (5) record. Every refusal is a
 * CertificateRejected; nothing is signed before step 4 and nothing is signed that was not linted.
 */
public final class IssuanceCycle {
  private static final Logger LOG = Logger.getLogger(IssuanceCycle.class);
  public static final int MIN_VALIDITY_DAYS = 1;
  public static final int MAX_VALIDITY_DAYS = 3650;
  static final Duration BACKDATE = Duration.ofMinutes(1);
  private static final int SERIAL_ATTEMPTS = 3;

  /** Brings the CA state up to the log's end; throws {@link io.eventca.issuer.state.StaleStateException} if it cannot. */
  @FunctionalInterface
  public interface CatchUp {
    void run();
  }

  private final CaKeyCustody custody;
  private final Linter linter;
  private final String crlBaseUrl;
  private final Clock clock;
  private final CatchUp catchUp;
  private final CustodyProofs proofs;

  public IssuanceCycle(CaKeyCustody custody, Linter linter, String crlBaseUrl, Clock clock, CatchUp catchUp) {
    this.custody = custody;
    this.linter = linter;
    this.crlBaseUrl = crlBaseUrl;
    this.clock = clock;
    this.catchUp = catchUp;
    this.proofs = new CustodyProofs(custody);
  }

  public Event issue(CertificateRequested request, CaDirectory directory) {
    try {
      EndEntityTbs.Draft draft = step1Validate(request, directory);
      LintedTbs linted = null;
      BigInteger serial = null;
      for (int attempt = 1; linted == null; attempt++) {
        serial = SerialNumbers.random();
        LintedTbs candidate = step2Lint(draft, serial);
        if (step3Reserve(request.caId(), serial, directory)) {
          linted = candidate;
        } else if (attempt == SERIAL_ATTEMPTS) {
          throw new IllegalStateException(SERIAL_ATTEMPTS + " serial collisions in a row: the random source is broken");
        }
      }
      X509CertificateHolder certificate = step4Sign(draft.ca(), linted, draft.digest());
      return step5Record(request, draft, serial, certificate);
    } catch (RequestProblem e) {
      LOG.infof("request %s for CA %s rejected: %s (%s)", request.requestId(), request.caId(), e.code(), e.detail());
      return new CertificateRejected(request.caId(), request.requestId(), e.code().code(), e.detail());
    }
  }

  /**
   * Step 1: the CA can issue, the profile exists, the validity fits the profile and the CA, the digest is
   * allowed, the CSR and its key are acceptable, the subject and its names are decided, and, for a request
   * made as a requester, all of that keeps to the requester's policy.
   */
  EndEntityTbs.Draft step1Validate(CertificateRequested request, CaDirectory directory) {
    IssuingCa ca = activeCa(request.caId(), directory);
    directory.retirement(request.caId()).ifPresent(retired -> {
      throw new RequestProblem(ErrorCode.CA_RETIRED, "CA " + request.caId() + " was retired at " + retired.retiredAt()
          + " and issues no more certificates" + (retired.reason() == null ? "" : " (" + retired.reason() + ")"));
    });
    Optional<RequesterRegistered> requester = request.requesterPolicyApplies() ? Optional.of(requester(request, directory)) : Optional.empty();
    Profile profile =
        Profiles.byName(request.profile())
            .orElseThrow(() -> new RequestProblem(ErrorCode.UNKNOWN_PROFILE,
                "unknown profile '" + Echo.of(request.profile()) + "': use one of " + String.join(", ", Profiles.names().stream().sorted().toList())));
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant notAfter = validUntil(request.validityDays(), profile, now, ca);
    Instant notBefore = now.minus(BACKDATE).isBefore(ca.notBefore()) ? ca.notBefore() : now.minus(BACKDATE);
    String digest = Digests.checked(request.digestOrDefault(), request.sha1Accepted());
    CheckedCsr csr = CsrChecks.check(request.csrPem());
    KeyQuality.checkNotCaKey(csr.publicKey(), ca.certificate().getSubjectPublicKeyInfo());
    KeyQuality.checkNotAnyCaKey(csr.publicKey(), directory::isCaKey);
    X500Name subject = request.subject() == null ? csr.subject() : SubjectNames.toX500Name(request.subject());
    DecodedSubject decoded = SubjectNames.decode(subject);
    if (!profile.emailAddresses() && !decoded.values(SubjectAttribute.EMAIL).isEmpty()) {
      throw new RequestProblem(ErrorCode.POLICY_VIOLATION, "profile " + profile.name() + " certifies no e-mail address (E)");
    }
    List<GeneralName> names =
        SubjectAltNames.forRequest(subject, profile.nameRules(), request.host(), request.subjectAltNames(), csr.requestedNames());
    requester.ifPresent(r -> RequesterPolicies.check(r, PolicyRequest.of(request, decoded, names, caSubject(ca))));
    return new EndEntityTbs.Draft(ca, csr, subject, profile, names, digest, notBefore, notAfter, crlBaseUrl);
  }

  /** Step 2: build the to-be-signed certificate with a fresh serial and lint it. */
  LintedTbs step2Lint(EndEntityTbs.Draft draft, BigInteger serial) {
    try {
      return linter.lint(EndEntityTbs.build(draft, serial), new LintContext(draft.ca().certificate(), draft.profile()));
    } catch (LintFailedException e) {
      throw new RequestProblem(ErrorCode.LINT_FAILED, "lint rule " + e.rule() + " failed: " + e.problem());
    }
  }

  /**
   * Step 3: the serial must be new for this CA. The reservation is made durable by step 5's event, which
   * commits in the same transaction as the consumed request, or not at all.
   */
  static boolean step3Reserve(CaId caId, BigInteger serial, CaDirectory directory) {
    return directory.reserveSerial(caId, serial);
  }

  /** Step 4: custody signs for this one signature (a wrapped key is unwrapped for it, a token key signs in the token). */
  X509CertificateHolder step4Sign(IssuingCa ca, LintedTbs linted, String digest) {
    return LintedSigner.sign(linted, custody.signer(ca.key(), digest), ca.certificate());
  }

  /** Step 5: the fact that goes to eventca.issuance. */
  static CertificateIssued step5Record(
      CertificateRequested request, EndEntityTbs.Draft draft, BigInteger serial, X509CertificateHolder certificate) {
    LOG.infof("request %s for CA %s issued: serial %s, profile %s, %s", request.requestId(), request.caId(),
        serial.toString(16), draft.profile().name(), draft.digest());
    return new CertificateIssued(
        request.caId(),
        request.requestId(),
        SerialNumber.of(serial),
        Subjects.render(certificate.getSubject()),
        draft.profile().name(),
        certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant(),
        Pem.of(certificate),
        request.host() == null ? null : request.host().toLowerCase(Locale.ROOT),
        draft.digest(),
        request.sha1OptIn());
  }

  /** The CA's own subject attributes, the defaults a requester's subject may take; none when it cannot be read strictly. */
  private static DecodedSubject caSubject(IssuingCa ca) {
    try {
      return Subjects.decode(ca.certificate().getSubject());
    } catch (SubjectProblem e) {
      return DecodedSubject.empty();
    }
  }

  /** The registration the request is held to; one registered a moment ago is found after a catch-up. */
  private RequesterRegistered requester(CertificateRequested request, CaDirectory directory) {
    Optional<RequesterRegistered> found = directory.requester(request.requestedBy());
    if (found.isEmpty()) {
      catchUp.run();
      found = directory.requester(request.requestedBy());
    }
    return found.orElseThrow(() -> new RequestProblem(ErrorCode.REQUESTER_UNKNOWN,
        "requester " + Echo.of(request.requestedBy()) + " is not registered (or was retired); an admin registers requesters"
            + " with POST /api/v1/requesters"));
  }

  private IssuingCa activeCa(CaId caId, CaDirectory directory) {
    Optional<IssuingCa> ca = directory.issuingCa(caId);
    if (ca.isEmpty()) {
      // Another worker may have created it moments ago: read the CA topics to their end, then look again.
      catchUp.run();
      ca = directory.issuingCa(caId);
    }
    if (ca.isEmpty()) {
      throw directory.creationFailure(caId)
          .map(f -> new RequestProblem(ErrorCode.CA_NOT_ACTIVE, "CA " + caId + " was never created: " + f.code() + " (" + f.reason() + ")"))
          .orElseGet(() -> new RequestProblem(ErrorCode.UNKNOWN_CA, "no CA " + caId + " is known to the issuer"));
    }
    Instant now = clock.instant();
    if (!ca.get().isActiveAt(now)) {
      throw new RequestProblem(ErrorCode.CA_NOT_ACTIVE, "CA " + caId + " is valid from " + ca.get().notBefore()
          + " to " + ca.get().notAfter() + ", not now (" + now.truncatedTo(ChronoUnit.SECONDS) + ")");
    }
    proofs.require(ca.get(), directory);
    return ca.get();
  }

  /** Refuses, never shortens: a certificate that silently ends earlier than asked surprises its operator later. */
  static Instant validUntil(int validityDays, Profile profile, Instant now, IssuingCa ca) {
    if (validityDays < MIN_VALIDITY_DAYS || validityDays > MAX_VALIDITY_DAYS) {
      throw new RequestProblem(ErrorCode.BAD_VALIDITY,
          "validityDays must be " + MIN_VALIDITY_DAYS + " to " + MAX_VALIDITY_DAYS + ", was " + validityDays);
    }
    if (validityDays > profile.maxValidityDays()) {
      throw new RequestProblem(ErrorCode.BAD_VALIDITY, "profile " + profile.name() + " allows at most "
          + profile.maxValidityDays() + " days, was " + validityDays);
    }
    Instant notAfter = now.plus(validityDays, ChronoUnit.DAYS);
    if (notAfter.isAfter(ca.notAfter())) {
      long left = Duration.between(now, ca.notAfter()).toDays();
      throw new RequestProblem(ErrorCode.BAD_VALIDITY,
          "a certificate valid for " + validityDays + " days (until " + notAfter + ") would outlive its CA certificate,"
              + " which expires at " + ca.notAfter() + "; ask for at most " + left + " days");
    }
    return notAfter;
  }
}
