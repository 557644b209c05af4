package io.eventca.ca.api;

import io.eventca.checks.names.NamePatterns;
import io.eventca.checks.policy.SubjectPatterns;
import io.eventca.ca.model.CaRecord;
import io.eventca.checks.subject.SubjectAttribute;
import io.eventca.ca.model.Db;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.InvalidIdException;
import io.eventca.events.ids.RequesterName;
import io.eventca.events.profile.CertificateProfiles;
import io.eventca.events.registry.RequesterPolicy;
import io.eventca.events.registry.RequesterRegistered;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;

/**
 * Body of {@code POST /api/v1/requesters}: a requester (a fleet service, step-ca's provisioner) and its policy. Checked
 * here field by field, so an admin learns at once what is wrong; the issuer-worker enforces the policy on every request.
 */
public record RegisterRequesterBody(
    String name,
    String publicKeyPem,
    List<String> allowedNames,
    List<String> allowedProfiles,
    Integer maxValidityDays,
    List<String> allowedCaIds,
    Map<String, List<String>> allowedSubject) {

  static final int MAX_NAMES = 100;
  static final int MAX_SUBJECT_PATTERNS = 20;

  RequesterRegistered toEvent(String registeredBy) {
    RequesterName requester;
    try {
      requester = new RequesterName(Fields.required("name", name, 128));
    } catch (InvalidIdException e) {
      throw ApiError.invalidField("name", e.getMessage().substring("requester ".length()));
    }
    return new RequesterRegistered(requester, key(), new RequesterPolicy(names(), profiles(), days(), cas(), subject()), registeredBy, Instant.now());
  }

  private String key() {
    // PEM has line breaks, so not Fields.required (which refuses control characters); the parser decides.
    if (publicKeyPem == null || publicKeyPem.isBlank()) {
      throw ApiError.invalidField("publicKeyPem", "is required: the requester's public key, PEM");
    }
    if (publicKeyPem.length() > 16384) {
      throw ApiError.invalidField("publicKeyPem", "must be at most 16384 characters");
    }
    String pem = publicKeyPem;
    Object parsed;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      parsed = parser.readObject();
    } catch (IOException | RuntimeException e) {
      parsed = null;
    }
    if (!(parsed instanceof SubjectPublicKeyInfo key)) {
      throw ApiError.invalidField("publicKeyPem", "must be a public key PEM (-----BEGIN PUBLIC KEY-----, as openssl pkey -pubout writes)");
    }
    DoorChecks.acceptableKey("publicKeyPem", key);
    // Re-encoded, so what is recorded is the key alone, whatever else the PEM text held.
    return "-----BEGIN PUBLIC KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(encoded(key)) + "\n-----END PUBLIC KEY-----\n";
  }

  private List<String> names() {
    if (allowedNames == null || allowedNames.isEmpty()) {
      throw ApiError.invalidField("allowedNames", "must name at least one host name, *.domain pattern or IP address");
    }
    if (allowedNames.size() > MAX_NAMES) {
      throw ApiError.invalidField("allowedNames", "may hold at most " + MAX_NAMES + " patterns");
    }
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (String pattern : allowedNames) {
      // The worker holds requests to these patterns with the same reading (request-checks NamePatterns).
      String p = Fields.required("allowedNames", pattern, 253).toLowerCase(Locale.ROOT);
      NamePatterns.problem(p).ifPresent(problem -> {
        throw ApiError.invalidField("allowedNames", problem);
      });
      names.add(p);
    }
    return new ArrayList<>(names);
  }

  private List<String> profiles() {
    if (allowedProfiles == null || allowedProfiles.isEmpty()) {
      throw ApiError.invalidField("allowedProfiles", "must name at least one profile");
    }
    for (String profile : allowedProfiles) {
      if (profile == null || CertificateProfiles.byName(profile).isEmpty()) {
        throw ApiError.invalidField("allowedProfiles", "must name profiles of GET /api/v1/profiles, not " + profile);
      }
    }
    return List.copyOf(new LinkedHashSet<>(allowedProfiles));
  }

  private int days() {
    if (maxValidityDays == null) {
      throw ApiError.invalidField("maxValidityDays", "is required: the longest validity this requester may ask for, in days");
    }
    return Fields.range("maxValidityDays", maxValidityDays, 0, 1, 3650);
  }

  private List<CaId> cas() {
    if (allowedCaIds == null || allowedCaIds.isEmpty()) {
      return null;
    }
    List<CaId> cas = new ArrayList<>();
    for (String id : allowedCaIds) {
      CaId caId;
      try {
        caId = new CaId(id == null ? "" : id);
      } catch (InvalidIdException e) {
        throw ApiError.invalidField("allowedCaIds", "must hold CA ids (lowercase UUIDs)");
      }
      if (Db.read(() -> CaRecord.<CaRecord>findById(caId.value())) == null) {
        throw ApiError.invalidField("allowedCaIds", "names CA " + caId + ", which does not exist");
      }
      cas.add(caId);
    }
    return cas;
  }

  /**
   * Patterns per subject attribute but the common name (the names are allowedNames): exact values or with {@code *},
   * read as the worker reads them ({@link SubjectPatterns}).
   */
  private Map<String, List<String>> subject() {
    if (allowedSubject == null || allowedSubject.isEmpty()) {
      return null;
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> entry : allowedSubject.entrySet()) {
      String field = "allowedSubject." + entry.getKey();
      SubjectAttribute attribute = SubjectAttribute.byField(entry.getKey())
          .filter(a -> a != SubjectAttribute.COMMON_NAME)
          .orElseThrow(() -> ApiError.invalidField("allowedSubject", "names subject attributes: "
              + String.join(", ", java.util.Arrays.stream(SubjectAttribute.values()).filter(a -> a != SubjectAttribute.COMMON_NAME)
                  .map(SubjectAttribute::field).toList()) + " (the common name is held to allowedNames)"));
      List<String> patterns = entry.getValue();
      if (patterns == null || patterns.isEmpty() || patterns.size() > MAX_SUBJECT_PATTERNS) {
        throw ApiError.invalidField(field, "must hold 1 to " + MAX_SUBJECT_PATTERNS + " values or patterns");
      }
      LinkedHashSet<String> kept = new LinkedHashSet<>();
      for (String pattern : patterns) {
        SubjectPatterns.problem(attribute, pattern).ifPresent(problem -> {
          throw ApiError.invalidField(field, problem);
        });
        kept.add(pattern);
      }
      out.put(attribute.field(), List.copyOf(kept));
    }
    return out;
  }

  private static byte[] encoded(SubjectPublicKeyInfo key) {
    try {
      return key.getEncoded();
    } catch (IOException e) {
      throw ApiError.invalidField("publicKeyPem", "is not a readable public key");
    }
  }
}
