package io.eventca.events.cert;

/**
 * Machine-readable reasons for a CertificateRejected, CaCreationFailed, CertificateRequestRefused or
 * RequestDeadLettered. Add, never rename.
 */
public final class RejectionCode {
  public static final String UNKNOWN_CA = "unknown-ca";
  public static final String CA_NOT_ACTIVE = "ca-not-active";
  public static final String BAD_CSR = "bad-csr";
  public static final String CSR_SIGNATURE_INVALID = "csr-signature-invalid";
  public static final String WEAK_KEY = "weak-key";
  public static final String UNKNOWN_PROFILE = "unknown-profile";
  public static final String BAD_VALIDITY = "bad-validity";
  public static final String POLICY_VIOLATION = "policy-violation";
  public static final String LINT_FAILED = "lint-failed";
  public static final String INTERNAL_ERROR = "internal-error";
  /** The requestId was already used for a different request (another fingerprint); the earlier answer stands. */
  public static final String REQUEST_ID_REUSED = "request-id-reused";
  /** Not JSON, not a CloudEvent, wrong schema or an unknown event type. */
  public static final String UNREADABLE_REQUEST = "unreadable-request";
  /** The record is larger than the issuer accepts. */
  public static final String TOO_LARGE = "too-large";
  /** The requester sent more requests than it may. */
  public static final String RATE_LIMITED = "rate-limited";

  /** The CA was retired (CaRetired): it issues nothing more. */
  public static final String CA_RETIRED = "ca-retired";
  /** The request names no registered requester (or one that was retired). */
  public static final String REQUESTER_UNKNOWN = "requester-unknown";
  /** A request on eventca.fleet-requests without a signature that verifies under its requester's registered key. */
  public static final String SIGNATURE_INVALID = "signature-invalid";
  /** Requester policy rule allowedNames: a name of the certificate matches none of the requester's patterns. */
  public static final String POLICY_NAME_NOT_ALLOWED = "policy-name-not-allowed";
  /** Requester policy rule allowedProfiles. */
  public static final String POLICY_PROFILE_NOT_ALLOWED = "policy-profile-not-allowed";
  /** Requester policy rule maxValidityDays. */
  public static final String POLICY_VALIDITY_TOO_LONG = "policy-validity-too-long";
  /** Requester policy rule allowedCaIds. */
  public static final String POLICY_CA_NOT_ALLOWED = "policy-ca-not-allowed";

  /** A requester asked for a certificate claiming an eventca role (OU=eventca-role:...), which only admins hand out. */
  public static final String POLICY_ROLE_NOT_ALLOWED = "policy-role-not-allowed";

  /**
   * Requester policy rule allowedSubject: a subject attribute other than the names (O, OU, E, ...) is neither the
   * issuing CA's own value nor one the requester's allowedSubject patterns allow.
   */
  public static final String POLICY_SUBJECT_NOT_ALLOWED = "policy-subject-not-allowed";

  private RejectionCode() {}
}
