package io.eventca.checks.policy;

import io.eventca.checks.Echo;
import io.eventca.checks.subject.DecodedSubject;
import io.eventca.checks.subject.SubjectAttribute;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.registry.RequesterPolicy;
import java.util.List;

/**
 * Every subject attribute but the names (which {@link AllowedNames} judges) keeps to the policy's
 * {@code allowedSubject} patterns for it or, when the policy names none for that attribute, to the issuing CA's own
 * value: a requester limited to {@code *.pt.test} must not obtain {@code O=Google LLC} or an e-mail address that any
 * S/MIME client would trust. E-mail addresses and domain components compare without regard to letter case.
 */
final class AllowedSubject implements PolicyRule {
  @Override
  public String field() {
    return "allowedSubject";
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.POLICY_SUBJECT_NOT_ALLOWED;
  }

  @Override
  public String violation(RequesterPolicy policy, PolicyRequest request) {
    for (DecodedSubject.Attribute attribute : request.subjectAttributes()) {
      SubjectAttribute type = attribute.type();
      List<String> patterns = policy.allowedSubject(type.field());
      if (!patterns.isEmpty()) {
        if (patterns.stream().noneMatch(p -> SubjectPatterns.matches(p, attribute.value(), type))) {
          return "the subject's " + type.label() + " '" + Echo.of(attribute.value()) + "' matches none of allowedSubject." + type.field();
        }
      } else if (!caValue(request, attribute)) {
        return "the subject's " + type.label() + " '" + Echo.of(attribute.value()) + "' is not the CA's own "
            + type.label() + (caValues(request, type).isEmpty() ? " (the CA has none)" : " (" + String.join(", ", caValues(request, type)) + ")")
            + ", and allowedSubject." + type.field() + " names no other";
      }
    }
    return null;
  }

  private static boolean caValue(PolicyRequest request, DecodedSubject.Attribute attribute) {
    return switch (attribute.type()) {
      case COUNTRY, STATE, LOCALITY, ORGANIZATION, ORGANIZATIONAL_UNIT -> caValues(request, attribute.type()).contains(attribute.value());
      default -> false; // e-mail addresses, domain components and serial numbers only by pattern
    };
  }

  private static List<String> caValues(PolicyRequest request, SubjectAttribute type) {
    return request.caAttributes().stream().filter(a -> a.type() == type).map(DecodedSubject.Attribute::value).toList();
  }
}
