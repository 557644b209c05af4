package io.eventca.events.errors;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * eventca's one error vocabulary: every reason a request, a CA creation or a record is refused, whichever door it
 * came through. The same code is the {@code code} of a REST problem (application/problem+json), of a
 * CertificateRequestRefused reply and a CertificateRejected fact, of a RequestDeadLettered record and of a
 * CaCreationFailed; its {@link ErrorKind} says what the caller can do about it and which HTTP status it is.
 * docs/ERRORS.md shows this table and the JSON Schemas list these codes (both tested against it).
 *
 * <p>Add, never rename or remove: a code is on the wire and in kept topics. A reader meeting a code it does not know
 * (a newer writer) treats it by the code's absence, never fails: {@link #of} is empty then.
 */
public enum ErrorCode {
  UNKNOWN_CA("unknown-ca", ErrorKind.NOT_FOUND, "the request names no CA this issuer knows"),
  CA_NOT_ACTIVE("ca-not-active", ErrorKind.CONFLICT, "the CA exists but does not issue yet (its creation is not finished) or any more"),
  CA_RETIRED("ca-retired", ErrorKind.CONFLICT, "the CA was retired (CaRetired): it issues nothing more"),
  BAD_CSR("bad-csr", ErrorKind.INVALID, "the CSR is not a readable PKCS#10 request, or its subject or names cannot be certified"),
  CSR_SIGNATURE_INVALID("csr-signature-invalid", ErrorKind.INVALID, "the CSR's signature does not verify with its own key, or uses a refused algorithm"),
  WEAK_KEY("weak-key", ErrorKind.INVALID, "the key is too small, of a refused kind, fails a quality check, or is a CA's key"),
  UNKNOWN_PROFILE("unknown-profile", ErrorKind.INVALID, "the profile is not one of GET /api/v1/profiles"),
  BAD_VALIDITY("bad-validity", ErrorKind.INVALID, "the validity is out of the profile's range or outlives the CA"),
  POLICY_VIOLATION("policy-violation", ErrorKind.INVALID, "a CA's parameters break the issuer's rules (digest, key size, country)"),
  LINT_FAILED("lint-failed", ErrorKind.INVALID, "the certificate would break a lint rule; nothing was signed"),
  UNREADABLE_REQUEST("unreadable-request", ErrorKind.INVALID, "not JSON, not a CloudEvent, wrong schema or an unknown event type"),
  TOO_LARGE("too-large", ErrorKind.TOO_LARGE, "the record or body is larger than eventca accepts"),
  RATE_LIMITED("rate-limited", ErrorKind.RATE_LIMITED, "the requester sent more requests than it may; send again later"),
  REQUEST_ID_REUSED("request-id-reused", ErrorKind.CONFLICT, "the request id was already used for another request; the earlier answer stands"),
  REQUESTER_UNKNOWN("requester-unknown", ErrorKind.FORBIDDEN, "the request names no registered requester (or a retired one)"),
  SIGNATURE_INVALID("signature-invalid", ErrorKind.FORBIDDEN, "a fleet request's signature does not verify under its requester's registered key"),
  POLICY_NAME_NOT_ALLOWED("policy-name-not-allowed", ErrorKind.FORBIDDEN, "requester policy allowedNames: a name matches none of the requester's patterns"),
  POLICY_PROFILE_NOT_ALLOWED("policy-profile-not-allowed", ErrorKind.FORBIDDEN, "requester policy allowedProfiles"),
  POLICY_VALIDITY_TOO_LONG("policy-validity-too-long", ErrorKind.FORBIDDEN, "requester policy maxValidityDays"),
  POLICY_CA_NOT_ALLOWED("policy-ca-not-allowed", ErrorKind.FORBIDDEN, "requester policy allowedCaIds"),
  POLICY_ROLE_NOT_ALLOWED("policy-role-not-allowed", ErrorKind.FORBIDDEN, "a requester asked for an eventca role (OU=eventca-role:...), which only admins hand out"),
  POLICY_SUBJECT_NOT_ALLOWED("policy-subject-not-allowed", ErrorKind.FORBIDDEN, "requester policy allowedSubject: a subject attribute is neither the CA's own value nor allowed"),
  INTERNAL_ERROR("internal-error", ErrorKind.INTERNAL, "eventca failed, not the request: the same request may be sent again");

  private final String code;
  private final ErrorKind kind;
  private final String meaning;

  ErrorCode(String code, ErrorKind kind, String meaning) {
    this.code = code;
    this.kind = kind;
    this.meaning = meaning;
  }

  /** The wire form, as events, replies and problem bodies carry it. */
  @JsonValue
  public String code() {
    return code;
  }

  public ErrorKind kind() {
    return kind;
  }

  /** What it means, for the table in docs/ERRORS.md. */
  public String meaning() {
    return meaning;
  }

  /** The code a record carries, if this reader knows it. */
  public static Optional<ErrorCode> of(String code) {
    return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
  }

  /** The wire form: a code formatted into a message or a body reads as on the wire, never as the constant's name. */
  @Override
  public String toString() {
    return code;
  }
}
