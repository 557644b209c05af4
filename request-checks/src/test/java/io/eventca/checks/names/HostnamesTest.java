package io.eventca.checks.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostnamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"db.internal", "a", "xn--bcher-kva.example", "*.svc.example", "host-1.example", "1.example",
      "10-0-0-1.nip.example", "0xfoo.example", "example.0xg"})
  void namesAreHostnames(String name) {
    assertThat(Hostnames.isHostname(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    // what a URL parser or inet_aton reads as an IPv4 address, though it is no dotted quad
    "127.1", "2130706433", "0x7f000001", "0x7f.1", "10.0.0.1", "010.0.0.1", "host.example.123", "a.0x",
    // a wildcard over a whole top-level domain
    "*.com", "*.internal",
    // not LDH
    "-a.example", "a-.example", "a..example", "under_score.example", "", "*", "a.*.example"})
  void numbersAndMalformedNamesAreNot(String name) {
    assertThat(Hostnames.isHostname(name)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "255.255.255.255", "::1", "2001:db8::1"})
  void addressesAreAddresses(String address) {
    assertThat(Hostnames.isIpAddress(address)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"010.0.0.1", "127.1", "256.0.0.1", "1.2.3", "db.internal",
    // read by Bouncy Castle, by no one else (and some make BC's own GeneralName fail)
    ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "::1:", "4:",
    // IPv4-mapped: clients take it for 10.0.0.1; and a zone is no address a certificate can hold
    "::ffff:10.0.0.1", "::ffff:a00:1", "fe80::1%eth0"})
  void ambiguousOrMalformedAddressesAreNot(String address) {
    assertThat(Hostnames.isIpAddress(address)).isFalse();
  }
}
