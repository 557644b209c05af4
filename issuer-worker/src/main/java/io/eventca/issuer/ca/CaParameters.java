package io.eventca.issuer.ca;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.errors.ErrorCode;
import io.eventca.checks.RequestProblem;
import io.eventca.issuer.crypto.Digests;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The checked parameters of a CA creation request. ca-service validates too, but the request log is open
 * to other writers, so the worker trusts nothing it did not check itself.
 *
 * @param pathLength the basicConstraints pathLenConstraint, or null for none
 */
public record CaParameters(
    X500Name subject, KeyAlgorithm keyAlgorithm, int keySize, String digest, int validityDays, Integer pathLength) {
  static final Map<KeyAlgorithm, List<Integer>> KEY_SIZES =
      Map.of(KeyAlgorithm.RSA, List.of(2048, 3072, 4096), KeyAlgorithm.EC, List.of(256, 384));
  static final int MAX_VALIDITY_DAYS = 36500;

  public static CaParameters of(CaCreationRequested request) {
    X500Name subject = SubjectNames.toX500Name(request.subject());
    KeyAlgorithm algorithm = request.keyAlgorithm();
    if (algorithm == null) {
      throw policy("keyAlgorithm is required: RSA or EC");
    }
    return new CaParameters(
        subject, algorithm, keySize(algorithm, request.keySize()), Digests.checked(request.digest(), request.sha1Accepted()),
        validity(request.validityDays()), pathLength(request.pathLength()));
  }

  private static int keySize(KeyAlgorithm algorithm, int keySize) {
    if (algorithm == KeyAlgorithm.RSA && keySize < 2048) {
      throw new RequestProblem(ErrorCode.WEAK_KEY,
          "RSA keys of " + keySize + " bits are too weak for a CA: use 2048, 3072 or 4096");
    }
    List<Integer> allowed = KEY_SIZES.get(algorithm);
    if (!allowed.contains(keySize)) {
      throw policy("keySize " + keySize + " is not offered for " + algorithm + " keys: use one of " + allowed
          + (algorithm == KeyAlgorithm.EC ? " (P-256, P-384)" : ""));
    }
    return keySize;
  }

  private static int validity(int days) {
    if (days < 1 || days > MAX_VALIDITY_DAYS) {
      throw new RequestProblem(ErrorCode.BAD_VALIDITY, "validityDays must be 1 to " + MAX_VALIDITY_DAYS + ", was " + days);
    }
    return days;
  }

  private static Integer pathLength(Integer pathLength) {
    if (pathLength != null && pathLength < 0) {
      throw policy("pathLength must be 0 or more (0: this CA may issue only end-entity certificates), was " + pathLength);
    }
    return pathLength;
  }

  static RequestProblem policy(String detail) {
    return new RequestProblem(ErrorCode.POLICY_VIOLATION, detail);
  }
}
