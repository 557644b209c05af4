package io.eventca.issuer.policy;

import io.eventca.events.errors.ErrorCode;
import io.eventca.events.registry.RequesterPolicy;
import java.util.Locale;

/**
 * allowedNames: every name of the certificate matches one pattern, an exact name or IP address, or
 * {@code *.suffix} for one or more labels before {@code .suffix} (never the suffix itself, and never a
 * wildcard name unless the pattern is that very wildcard). An IP address matches only an IP entry of the same
 * address ({@link IpNames}), never a wildcard.
 */
final class AllowedNames implements PolicyRule {
  @Override
  public String field() {
    return "allowedNames";
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.POLICY_NAME_NOT_ALLOWED;
  }

  @Override
  public String violation(RequesterPolicy policy, PolicyRequest request) {
    for (String name : request.names()) {
      if (policy.allowedNames().stream().noneMatch(pattern -> matches(pattern, name))) {
        return "name " + name + " matches none of " + policy.allowedNames();
      }
    }
    return null;
  }

  static boolean matches(String pattern, String name) {
    if (IpNames.isIp(name)) {
      return IpNames.isIp(pattern) && IpNames.canonical(pattern).equals(IpNames.canonical(name));
    }
    String p = pattern.toLowerCase(Locale.ROOT);
    String n = name.toLowerCase(Locale.ROOT);
    if (p.equals(n)) {
      return true;
    }
    if (!p.startsWith("*.") || n.startsWith("*.")) {
      return false;
    }
    String suffix = p.substring(1);
    return n.endsWith(suffix) && n.length() > suffix.length() && !n.substring(0, n.length() - suffix.length()).endsWith(".");
  }
}
