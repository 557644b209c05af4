package io.eventca.issuer.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.cert.RejectionCode;
import io.eventca.issuer.Rejection;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

class SubjectAltNamesTest {
  private static GeneralName dns(String name) {
    return new GeneralName(GeneralName.dNSName, name);
  }

  private static GeneralName ip(String address) {
    return new GeneralName(GeneralName.iPAddress, address);
  }

  @Test
  void withoutRequestedNamesTheCommonNameBecomesTheDnsName() {
    assertThat(SubjectAltNames.forCertificate(new X500Name("O=Example,CN=Host.Example.Internal"), List.of()))
        .containsExactly(dns("host.example.internal"));
  }

  @Test
  void anIpCommonNameBecomesAnIpAddress() {
    assertThat(SubjectAltNames.forCertificate(new X500Name("CN=192.0.2.10"), List.of())).containsExactly(ip("192.0.2.10"));
  }

  @Test
  void requestedNamesAreKeptAndTheCommonNameIsAddedFirstWhenMissing() {
    assertThat(SubjectAltNames.forCertificate(new X500Name("CN=a.example"), List.of(dns("b.example"), ip("192.0.2.1"))))
        .containsExactly(dns("a.example"), dns("b.example"), ip("192.0.2.1"));
    assertThat(SubjectAltNames.forCertificate(new X500Name("CN=a.example"), List.of(dns("A.example"), dns("b.example"))))
        .containsExactly(dns("a.example"), dns("b.example"));
  }

  @Test
  void aCommonNameThatIsNoHostNameCannotBeIssued() {
    assertPolicy(new X500Name("CN=My Server"), List.of(), "neither a host name nor an IP address");
  }

  @Test
  void onlyDnsAndIpNamesAreIssued() {
    assertPolicy(new X500Name("CN=a.example"), List.of(new GeneralName(GeneralName.rfc822Name, "a@a.example")), "type email");
    assertPolicy(new X500Name("CN=a.example"), List.of(dns("bad_name.example")), "not a valid host name");
  }

  @Test
  void aSubjectWithoutNamesCannotBeIssued() {
    assertPolicy(new X500Name("O=Example"), List.of(), "names nothing");
  }

  private static void assertPolicy(X500Name subject, List<GeneralName> requested, String detail) {
    assertThatThrownBy(() -> SubjectAltNames.forCertificate(subject, requested))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(RejectionCode.POLICY_VIOLATION))
        .hasMessageContaining(detail);
  }
}
