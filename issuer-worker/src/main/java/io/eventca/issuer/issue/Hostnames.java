package io.eventca.issuer.issue;

import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/** Which strings are DNS host names a certificate may carry: LDH labels, optionally one leading "*." wildcard. */
public final class Hostnames {
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final Pattern HOSTNAME = Pattern.compile("(?:\\*\\.)?" + LABEL + "(?:\\." + LABEL + ")*");

  private Hostnames() {}

  public static boolean isHostname(String name) {
    return name != null && name.length() <= 253 && HOSTNAME.matcher(name).matches() && !IPAddress.isValid(name);
  }

  public static boolean isIpAddress(String name) {
    return name != null && (IPAddress.isValidIPv4(name) || IPAddress.isValidIPv6(name));
  }
}
