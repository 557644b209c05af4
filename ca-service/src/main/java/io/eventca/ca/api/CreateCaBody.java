package io.eventca.ca.api;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.SubjectName;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.ids.CaId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Body of {@code POST /api/v1/cas}: the create_ca.sh parameters (-CN -E -OU -O -L -S -C -keySz -dgst
 * -time) with the script's defaults: RSA 2048, sha256, 365 days.
 */
public record CreateCaBody(
    String commonName,
    String email,
    String organizationalUnit,
    String organization,
    String locality,
    String state,
    String country,
    String keyAlgorithm,
    Integer keySize,
    String digest,
    Integer validityDays) {

  static final List<String> DIGESTS = List.of("sha224", "sha256", "sha384", "sha512");
  private static final Map<KeyAlgorithm, List<Integer>> KEY_SIZES =
      Map.of(KeyAlgorithm.RSA, List.of(2048, 3072, 4096), KeyAlgorithm.EC, List.of(256, 384));
  private static final Map<KeyAlgorithm, Integer> DEFAULT_KEY_SIZE = Map.of(KeyAlgorithm.RSA, 2048, KeyAlgorithm.EC, 256);

  /** Validates every field and applies the defaults; the first broken rule is reported. */
  public CaCreationRequested toEvent(CaId caId, String requestedBy) {
    SubjectName subject =
        new SubjectName(
            Fields.required("commonName", commonName, 64),
            Fields.email("email", email),
            Fields.optional("organizationalUnit", organizationalUnit, 64),
            Fields.optional("organization", organization, 64),
            Fields.optional("locality", locality, 128),
            Fields.optional("state", state, 128),
            Fields.country("country", country));
    KeyAlgorithm algorithm = algorithm();
    return new CaCreationRequested(
        caId, subject, algorithm, keySize(algorithm), digest(digest), Fields.range("validityDays", validityDays, 365, 1, 36500),
        requestedBy, Instant.now());
  }

  private KeyAlgorithm algorithm() {
    if (keyAlgorithm == null) {
      return KeyAlgorithm.RSA;
    }
    return Arrays.stream(KeyAlgorithm.values())
        .filter(a -> a.name().equalsIgnoreCase(keyAlgorithm))
        .findFirst()
        .orElseThrow(() -> ApiError.invalidField("keyAlgorithm", "must be one of RSA, EC"));
  }

  private int keySize(KeyAlgorithm algorithm) {
    int size = keySize == null ? DEFAULT_KEY_SIZE.get(algorithm) : keySize;
    List<Integer> allowed = KEY_SIZES.get(algorithm);
    if (!allowed.contains(size)) {
      String list = allowed.stream().map(String::valueOf).collect(Collectors.joining(", "));
      throw ApiError.invalidField("keySize", "must be one of " + list + " for " + algorithm);
    }
    return size;
  }

  static String digest(String digest) {
    String d = digest == null ? "sha256" : digest.toLowerCase(Locale.ROOT);
    if (d.equals("sha1")) {
      throw ApiError.invalidField("digest", "sha1 is refused: SHA-1 signatures are not collision resistant; use sha256 or stronger");
    }
    if (!DIGESTS.contains(d)) {
      throw ApiError.invalidField("digest", "must be one of " + String.join(", ", DIGESTS));
    }
    return d;
  }
}
