package io.eventca.checks.names;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP addresses compared as addresses, not as text: {@code fd00::1} and {@code fd00:0:0:0:0:0:0:1} are one address,
 * and a 16-byte SAN stays IPv6 (an IPv4-mapped {@code ::ffff:10.0.0.1} is not the 4-byte {@code 10.0.0.1}).
 */
public final class IpNames {
  private IpNames() {}

  /** An IP literal as every part of eventca reads one (Hostnames: no IPv4 with leading zeros). */
  public static boolean isIp(String text) {
    return Hostnames.isIpAddress(text);
  }

  /** The canonical text of an IP literal; never a DNS lookup (only called for valid literals). */
  public static String canonical(String literal) {
    try {
      byte[] address = InetAddress.getByName(literal).getAddress();
      if (literal.contains(":") && address.length == 4) {
        // Java turns an IPv4-mapped IPv6 literal into the IPv4 address; written with colons, it stays IPv6.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(address, 0, mapped, 12, 4);
        address = mapped;
      }
      return of(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + literal, e);
    }
  }

  /** The canonical text of the address bytes of an iPAddress SAN (4 or 16 bytes). */
  public static String of(byte[] address) {
    try {
      return address.length == 16 ? Inet6Address.getByAddress(null, address, null).getHostAddress()
          : InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      return "invalid IP address of " + address.length + " bytes";
    }
  }
}
