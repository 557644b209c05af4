package io.eventca.checks.names;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/**
 * Which strings are DNS host names a certificate may carry (LDH labels, optionally one leading "*." wildcard over a
 * domain of two or more labels),
 * and which are IP address literals. Both are judged by syntax alone: nothing here resolves a name.
 */
public final class Hostnames {
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final Pattern HOSTNAME = Pattern.compile("(?:\\*\\.)?" + LABEL + "(?:\\." + LABEL + ")*");
  /** Dotted decimal without leading zeros: "010.0.0.1" is 8.0.0.1 to inet_aton but 10.0.0.1 to others. */
  private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
  /**
   * A last label that URL parsers and inet_aton read as a number (WHATWG URL "ends in a number"): all decimal digits,
   * or 0x and hex digits. "127.1", "2130706433" and "0x7f000001" all reach 127.0.0.1 there.
   */
  private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(?:.*\\.)?(?:[0-9]+|0[xX][0-9A-Fa-f]*)");

  private Hostnames() {}

  /**
   * An LDH name of at most 253 characters whose last label is no number: a name a client could read as an IP address
   * ("127.1", "2130706433") would be certified for an address nobody vetted.
   */
  public static boolean isHostname(String name) {
    return name != null && name.length() <= 253 && HOSTNAME.matcher(name).matches() && !IPAddress.isValid(name)
        && !NUMERIC_LAST_LABEL.matcher(name).matches() && !wildcardOverOneLabel(name);
  }

  /** "*.com", "*.internal": a wildcard over a whole top-level domain is never issued (as NamePatterns never allows one). */
  private static boolean wildcardOverOneLabel(String name) {
    return name.startsWith("*.") && name.indexOf('.', 2) < 0;
  }

  /**
   * Dotted-quad IPv4 without leading zeros, or IPv6 that Bouncy Castle and the JDK both read as the same kind of
   * address: BC alone takes ":1:2:3:4:5:6:7" or "4:", which nothing else can read (and BC's own GeneralName then fails on
   * some); an IPv4-mapped "::ffff:10.0.0.1" is refused, as clients compare it with 10.0.0.1 while it is another
   * address to a certificate.
   */
  public static boolean isIpAddress(String name) {
    if (name == null) {
      return false;
    }
    if (IPV4.matcher(name).matches()) {
      return true;
    }
    return name.indexOf(':') >= 0 && IPAddress.isValidIPv6(name) && isJdkIpv6(name);
  }

  /** A literal with a colon is never looked up: the JDK parses it or refuses it. */
  private static boolean isJdkIpv6(String literal) {
    try {
      return InetAddress.getByName(literal) instanceof Inet6Address;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
