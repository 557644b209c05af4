package io.eventca.ca.api;

import io.eventca.events.errors.ErrorCode;
import io.eventca.events.SubjectName;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.profile.CertificateProfile;
import io.eventca.events.profile.CertificateProfiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Body of {@code POST /api/v1/cas/{caId}/certificates}: the create_cert.sh parameters (-host -CN -E -OU -O -L -S
 * -C -keySz -dgst -time, validity default 100 days) plus a profile, extra subjectAltNames and the key source:
 * either {@code csr} (the caller's own key; proof of possession is checked) or {@code passphrase} (eventca
 * generates the key, as create_cert.sh does, and hands it out only encrypted under that passphrase).
 */
public record RequestCertificateBody(
    String csr,
    String profile,
    Integer validityDays,
    String host,
    String commonName,
    String email,
    String organizationalUnit,
    String organization,
    String locality,
    String state,
    String country,
    List<String> subjectAltNames,
    String digest,
    Boolean sha1OptIn,
    String keyAlgorithm,
    Integer keySize,
    String passphrase) {

  static final int MAX_SANS = io.eventca.checks.names.SubjectAltNames.MAX_NAMES;
  private static final Map<String, List<Integer>> KEY_SIZES = Map.of("RSA", List.of(2048, 3072, 4096), "EC", List.of(256, 384));

  /** A key eventca must generate for the caller before it can ask for the certificate. */
  record ServerKey(String algorithm, int keySize, char[] passphrase) {}

  /** The validated request: the event to record once the CSR is known, and the key to generate, if any. */
  record Validated(CertificateRequested event, ServerKey serverKey) {
    Validated withCsr(String csrPem) {
      CertificateRequested e = event;
      return new Validated(
          new CertificateRequested(e.caId(), e.requestId(), csrPem, e.profile(), e.validityDays(), e.requestedBy(), e.requestedAt(),
              e.replyTopic(), e.host(), e.subject(), e.subjectAltNames(), e.digest(), e.sha1OptIn()),
          serverKey);
    }
  }

  /** @param caCertificatePem the CA's certificate, whose key no CSR may carry; null when not known (then the worker checks) */
  public Validated validate(CaId caId, String caCertificatePem, RequestId requestId, String requestedBy) {
    boolean hasCsr = csr != null && !csr.isBlank();
    boolean hasPassphrase = passphrase != null;
    if (hasCsr == hasPassphrase) {
      throw ApiError.invalidField("csr", "or passphrase is required, not both: send a CSR for your own key, or a passphrase and"
          + " eventca generates the key and gives it to you encrypted under that passphrase");
    }
    CertificateProfile p = profileOf();
    int days = Fields.range("validityDays", validityDays, 100, 1, p.maxValidityDays());
    String h = Fields.host("host", host);
    SubjectName subject = subjectOf();
    ServerKey serverKey = null;
    String csrPem = null;
    io.eventca.checks.csr.CheckedCsr parsedCsr = null;
    if (hasCsr) {
      if (keyAlgorithm != null || keySize != null) {
        throw ApiError.invalidField("keySize", "applies only to keys eventca generates; a CSR brings its own key");
      }
      csrPem = csrPemOf();
      parsedCsr = DoorChecks.csr(csrPem);
      DoorChecks.notTheCasKey(parsedCsr, caCertificatePem);
      if (subject == null) {
        DoorChecks.issuableSubject(parsedCsr);
      }
    } else {
      if (h == null) {
        throw ApiError.invalidField("host", "is required when eventca generates the key (create_cert.sh -host)");
      }
      if (subject == null) {
        throw ApiError.invalidField("commonName", "is required when eventca generates the key (create_cert.sh -CN)");
      }
      serverKey = serverKeyOf();
    }
    boolean sha1 = Boolean.TRUE.equals(sha1OptIn);
    String d = CreateCaBody.digest(digest, sha1);
    List<String> sans = sansOf();
    DoorChecks.issuableNames(parsedCsr, p, h, sans, subject);
    CertificateRequested event =
        new CertificateRequested(caId, requestId, csrPem, p.name(), days, requestedBy, Instant.now(), null, h, subject,
            sans.isEmpty() ? null : sans, d, sha1OptIn == null ? null : sha1);
    return new Validated(event, serverKey);
  }

  private CertificateProfile profileOf() {
    String name = Fields.required("profile", profile, 32);
    return CertificateProfiles.byName(name)
        .orElseThrow(() -> ApiError.invalidField(ErrorCode.UNKNOWN_PROFILE, "profile", "must be one of "
            + CertificateProfiles.ALL.stream().map(CertificateProfile::name).collect(Collectors.joining(", "))
            + " (GET /api/v1/profiles shows what each gives)"));
  }

  /** The subject to certify instead of the CSR's; null when no subject field is given. */
  private SubjectName subjectOf() {
    boolean any = email != null || organizationalUnit != null || organization != null || locality != null || state != null
        || country != null;
    if (commonName == null) {
      if (any) {
        throw ApiError.invalidField("commonName", "is required when other subject fields are given");
      }
      return null;
    }
    return Fields.subject(new SubjectName(commonName, email, organizationalUnit, organization, locality, state, country));
  }

  private List<String> sansOf() {
    if (subjectAltNames == null) {
      return List.of();
    }
    if (subjectAltNames.size() > MAX_SANS) {
      throw ApiError.invalidField("subjectAltNames", "must have at most " + MAX_SANS + " entries");
    }
    Set<String> names = new LinkedHashSet<>();
    for (String name : subjectAltNames) {
      names.add(Fields.subjectAltName("subjectAltNames", name));
    }
    return new ArrayList<>(names);
  }

  private String csrPemOf() {
    if (csr.length() > io.eventca.checks.csr.CsrChecks.MAX_PEM_CHARS) {
      throw ApiError.invalidField("csr", "must be at most " + io.eventca.checks.csr.CsrChecks.MAX_PEM_CHARS + " characters");
    }
    return csr.strip().replace("\r\n", "\n") + "\n";
  }

  private ServerKey serverKeyOf() {
    if (passphrase.length() < 8 || passphrase.length() > 1024) {
      throw ApiError.invalidField("passphrase", "must be 8 to 1024 characters");
    }
    String algorithm = keyAlgorithm == null ? "RSA" : keyAlgorithm.toUpperCase(Locale.ROOT);
    List<Integer> allowed = KEY_SIZES.get(algorithm);
    if (allowed == null) {
      throw ApiError.invalidField("keyAlgorithm", "must be one of RSA, EC");
    }
    int size = keySize == null ? allowed.get(0) : keySize;
    if (!allowed.contains(size)) {
      throw ApiError.invalidField("keySize", "must be one of "
          + allowed.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " for " + algorithm);
    }
    return new ServerKey(algorithm, size, passphrase.toCharArray());
  }
}
