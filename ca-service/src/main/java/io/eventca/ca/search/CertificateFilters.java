package io.eventca.ca.search;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.RevocationReason;
import io.eventca.events.cert.Channel;
import io.eventca.events.profile.CertificateProfiles;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every filter of the certificate search, by its parameter: the one vocabulary of the API, the CLI and scripts. */
final class CertificateFilters {
  static final Map<String, Filter> BY_PARAMETER = index(List.of(
      new TextFilter(),
      new NameFilter(),
      new SerialFilter(),
      new CaFilter(),
      new ChoiceFilter("profile", "c.profile", CertificateFilters::profile,
          "must name a profile of GET /api/v1/profiles, or ca (the certificates of intermediate CAs)"),
      new StatusFilter(),
      new ChoiceFilter("requester", "c.requested_by", CertificateFilters::principal, "must hold 1 to 256 characters"),
      new ChoiceFilter("channel", "c.channel", CertificateFilters::channel,
          "must be " + Arrays.stream(Channel.values()).map(Enum::name).collect(Collectors.joining(" or "))),
      new TimeFilter("issuedAfter", "c.issued_at", true),
      new TimeFilter("issuedBefore", "c.issued_at", false),
      new TimeFilter("expiresAfter", "c.not_after", true),
      new TimeFilter("expiresBefore", "c.not_after", false),
      new ExpiringFilter(),
      new TimeFilter("revokedAfter", "c.revoked_at", true),
      new TimeFilter("revokedBefore", "c.revoked_at", false),
      new ChoiceFilter("reason", "c.revocation_reason", CertificateFilters::reason,
          "must be a revocation reason: " + Arrays.stream(RevocationReason.values()).map(Enum::name).collect(Collectors.joining(", "))),
      new ChoiceFilter("keyAlgorithm", "c.key_algorithm", CertificateFilters::keyAlgorithm, "must be RSA or EC"),
      new ChoiceFilter("keySize", "c.key_size", CertificateFilters::keySize, "must be a key size in bits (2048, 256, ...)")));

  private CertificateFilters() {}

  private static Map<String, Filter> index(List<Filter> filters) {
    return filters.stream().collect(Collectors.toUnmodifiableMap(Filter::parameter, Function.identity()));
  }

  private static Optional<?> profile(String value) {
    return value.equals("ca") ? Optional.of("ca") : CertificateProfiles.byName(value).map(p -> value);
  }

  private static Optional<?> principal(String value) {
    return value.isEmpty() || value.length() > 256 ? Optional.empty() : Optional.of(value);
  }

  private static Optional<?> channel(String value) {
    return Arrays.stream(Channel.values()).filter(c -> c.name().equalsIgnoreCase(value)).findFirst().map(Enum::name);
  }

  private static Optional<?> reason(String value) {
    return Arrays.stream(RevocationReason.values()).filter(r -> r.name().equalsIgnoreCase(value)).findFirst().map(Enum::name);
  }

  private static Optional<?> keyAlgorithm(String value) {
    return Arrays.stream(KeyAlgorithm.values()).filter(k -> k.name().equals(value.toUpperCase(Locale.ROOT))).findFirst().map(Enum::name);
  }

  private static Optional<?> keySize(String value) {
    try {
      int bits = Integer.parseInt(value);
      return bits >= 128 && bits <= 16384 ? Optional.of(bits) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
