package io.eventca.events;

import java.util.Arrays;
import java.util.Optional;

/** RFC 5280 5.3.1 CRLReason, by the names the RFC uses. Code 7 is not assigned. */
public enum RevocationReason {
  unspecified(0),
  keyCompromise(1),
  cACompromise(2),
  affiliationChanged(3),
  superseded(4),
  cessationOfOperation(5),
  certificateHold(6),
  removeFromCRL(8),
  privilegeWithdrawn(9),
  aACompromise(10);

  private final int code;

  RevocationReason(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** Looks a reason up by its RFC 5280 name, ignoring case. */
  public static Optional<RevocationReason> byName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(name)).findFirst();
  }
}
