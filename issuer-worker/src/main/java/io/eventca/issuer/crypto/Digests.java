package io.eventca.issuer.crypto;

import io.eventca.events.errors.ErrorCode;
import io.eventca.checks.Echo;
import io.eventca.checks.RequestProblem;
import java.util.List;
import java.util.Locale;

/**
 * The digests a CA or certificate signature may use. SHA-1 is collision-broken (SHAttered, 2017), so it is
 * signed only for a request that explicitly opted in, for legacy relying parties that know nothing newer.
 */
public final class Digests {
  public static final String SHA1 = "sha1";
  public static final List<String> STRONG = List.of("sha224", "sha256", "sha384", "sha512");

  private Digests() {}

  /** @return the digest in lower case, when it may be used */
  public static String checked(String digest, boolean sha1OptIn) {
    if (digest == null || digest.isBlank()) {
      throw policy("digest is required: one of " + String.join(", ", STRONG));
    }
    String d = digest.toLowerCase(Locale.ROOT);
    if (d.equals(SHA1)) {
      if (!sha1OptIn) {
        throw policy("digest sha1 is refused: SHA-1 signatures are not collision resistant; use sha256 or stronger,"
            + " or set sha1OptIn to accept a SHA-1 signature explicitly");
      }
      return d;
    }
    if (!STRONG.contains(d)) {
      throw policy("unknown digest '" + Echo.of(digest) + "': use one of " + String.join(", ", STRONG));
    }
    return d;
  }

  private static RequestProblem policy(String detail) {
    return new RequestProblem(ErrorCode.POLICY_VIOLATION, detail);
  }
}
