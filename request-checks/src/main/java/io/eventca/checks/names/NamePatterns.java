package io.eventca.checks.names;

import io.eventca.checks.Echo;
import java.util.Locale;
import java.util.Optional;

/**
 * A requester's allowedNames, read one way by ca-service (which records them) and issuer-worker (which holds requests
 * to them): an exact host name or IP address, or {@code *.domain} for one or more labels before {@code .domain} (a
 * domain of two or more labels; never the domain itself, and never a wildcard name unless the pattern is that very
 * wildcard). An IP address matches only an IP entry of the same address ({@link IpNames}), never a wildcard.
 */
public final class NamePatterns {
  private NamePatterns() {}

  /** What is wrong with {@code pattern} as an allowedNames entry, said to the admin registering it; empty when nothing. */
  public static Optional<String> problem(String pattern) {
    if (pattern == null || pattern.isEmpty()) {
      return Optional.of("must hold names, not an empty entry");
    }
    String p = pattern.toLowerCase(Locale.ROOT);
    if (!p.startsWith("*.") && IpNames.isIp(p)) {
      return Optional.empty();
    }
    String domain = p.startsWith("*.") ? p.substring(2) : p;
    if (domain.contains("*") || !Hostnames.isHostname(domain) || p.startsWith("*.") && !domain.contains(".")) {
      return Optional.of("must hold host names, *.domain patterns (a domain of two or more labels) or IP addresses"
          + " (IPv4 without leading zeros): " + Echo.of(pattern));
    }
    return Optional.empty();
  }

  /**
   * Whether {@code name}, a name of a certificate, is allowed by {@code pattern}. A name that is neither an IP address
   * nor a host name (a client certificate's common name may be any text: "a b.svc.internal", "**.svc.internal") is
   * allowed by no pattern.
   */
  public static boolean matches(String pattern, String name) {
    if (IpNames.isIp(name)) {
      return IpNames.isIp(pattern) && IpNames.canonical(pattern).equals(IpNames.canonical(name));
    }
    if (!Hostnames.isHostname(name)) {
      return false;
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
