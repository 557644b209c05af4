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
 * -time) with the script's defaults: RSA 2048, sha256, 365 days. {@code parentCaId} makes an intermediate CA
 * under that CA; {@code pathLength} limits the CAs below; {@code sha1OptIn} must be true to sign with sha1.
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
    Integer validityDays,
    String parentCaId,
    Integer pathLength,
    Boolean sha1OptIn) {

  static final List<String> DIGESTS = List.of("sha224", "sha256", "sha384", "sha512");
  private static final Map<KeyAlgorithm, List<Integer>> KEY_SIZES =
      Map.of(KeyAlgorithm.RSA, List.of(2048, 3072, 4096), KeyAlgorithm.EC, List.of(256, 384));
  private static final Map<KeyAlgorithm, Integer> DEFAULT_KEY_SIZE = Map.of(KeyAlgorithm.RSA, 2048, KeyAlgorithm.EC, 256);

  /** Validates every field and applies the defaults; the first broken rule is reported. */
  public CaCreationRequested toEvent(CaId caId, String requestedBy) {
    SubjectName subject =
        Fields.subject(new SubjectName(commonName, email, organizationalUnit, organization, locality, state, country));
    KeyAlgorithm algorithm = algorithm();
    boolean sha1 = Boolean.TRUE.equals(sha1OptIn);
    Integer path = pathLength == null ? null : Fields.range("pathLength", pathLength, 0, 0, 16);
    return new CaCreationRequested(
        caId, subject, algorithm, keySize(algorithm), digest(digest, sha1), Fields.range("validityDays", validityDays, 365, 1, 36500),
        requestedBy, Instant.now(), parent(), path, sha1OptIn == null ? null : sha1);
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

  private CaId parent() {
    if (parentCaId == null) {
      return null;
    }
    try {
      return new CaId(parentCaId);
    } catch (io.eventca.events.ids.InvalidIdException e) {
      throw ApiError.invalidField("parentCaId", "must be the id of an existing CA (a lowercase UUID)");
    }
  }

  /** sha1 only with an explicit opt-in for this one certificate, which the event records. */
  static String digest(String digest, boolean sha1OptIn) {
    String d = digest == null ? "sha256" : digest.toLowerCase(Locale.ROOT);
    if (d.equals("sha1")) {
      if (sha1OptIn) {
        return d;
      }
      throw ApiError.invalidField("digest", "sha1 is refused unless sha1OptIn is true: SHA-1 signatures are not collision"
          + " resistant; use sha256 or stronger");
    }
    if (!DIGESTS.contains(d)) {
      throw ApiError.invalidField("digest", "must be one of " + String.join(", ", DIGESTS));
    }
    return d;
  }
}
