package io.eventca.issuer.issue;

import io.eventca.checks.names.SubjectAltNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.errors.ErrorCode;
import io.eventca.checks.RequestProblem;
import io.eventca.issuer.profile.Profile;
import io.eventca.issuer.profile.Profiles;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  /** Found by CsrFuzzTest: a signed CSR may carry any ASN.1 value as its CN; that is a refusal, not a crash. */
  @Test
  void aCommonNameThatIsNoStringIsRefused() {
    X500Name integerCn = new X500Name(new org.bouncycastle.asn1.x500.RDN[] {new org.bouncycastle.asn1.x500.RDN(
        org.bouncycastle.asn1.x500.style.BCStyle.CN, new org.bouncycastle.asn1.ASN1Integer(5))});

    assertThatThrownBy(() -> SubjectAltNames.forCertificate(integerCn, List.of()))
        .isInstanceOf(io.eventca.checks.RequestProblem.class).hasMessageContaining("common name is not a string");
    assertThatThrownBy(() -> SubjectAltNames.forCertificate(integerCn, List.of(dns("a.example"))))
        .isInstanceOf(io.eventca.checks.RequestProblem.class);
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

  @Test
  void theVendorExampleHostFirstThenTheCommonNameLowerCased() {
    assertThat(SubjectAltNames.forRequest(new X500Name("CN=myWorkstation"), Profiles.SERVER.nameRules(), "myHOST.domain1.domain2.com",
        null, List.of()))
        .containsExactly(dns("myhost.domain1.domain2.com"), dns("myworkstation"));
  }

  @Test
  void requestedNamesReplaceTheCsrNamesAreDeduplicatedAndKeepTheirOrder() {
    List<GeneralName> fromCsr = List.of(dns("from-csr.example"));

    assertThat(SubjectAltNames.forRequest(new X500Name("CN=LOCALHOST"), Profiles.SERVER.nameRules(), "localhost",
        List.of("127.0.0.1", "::1", "Alias.Example", "alias.example", "0:0:0:0:0:0:0:1"), fromCsr))
        .containsExactly(dns("localhost"), ip("127.0.0.1"), ip("::1"), dns("alias.example"));
  }

  @Test
  void anIpCommonNameOfAServerIsAddedAsAnIpAddress() {
    assertThat(SubjectAltNames.forRequest(new X500Name("CN=192.0.2.5"), Profiles.SERVER.nameRules(), "h.example", null, List.of()))
        .containsExactly(dns("h.example"), ip("192.0.2.5"));
  }

  @Test
  void aClientCommonNameMayBeAnyTextAndIsNotAdded() {
    assertThat(SubjectAltNames.forRequest(new X500Name("CN=Alice Smith"), Profiles.CLIENT.nameRules(), "alice-laptop.example", null, List.of()))
        .containsExactly(dns("alice-laptop.example"));
    assertThat(SubjectAltNames.forRequest(new X500Name("CN=Alice Smith"), Profiles.CLIENT.nameRules(), null, null, List.of(dns("a.example"))))
        .containsExactly(dns("a.example"));
  }

  @Test
  void withoutHostOrNamesAClientCommonNameThatIsAHostNameIsStillUsedAsToday() {
    assertThat(SubjectAltNames.forRequest(new X500Name("CN=alice"), Profiles.CLIENT.nameRules(), null, List.of(), List.of()))
        .containsExactly(dns("alice"));
  }

  @Test
  void atMostOneHundredNames() {
    List<String> hundred = IntStream.range(0, 100).mapToObj(i -> "h" + i + ".example").toList();

    assertThat(SubjectAltNames.forRequest(new X500Name("CN=h0.example"), Profiles.SERVER.nameRules(), null, hundred, List.of())).hasSize(100);
    assertPolicy(() -> SubjectAltNames.forRequest(new X500Name("CN=h0.example"), Profiles.SERVER.nameRules(), "extra.example", hundred, List.of()),
        "101 subjectAltNames; at most 100");
    List<String> tooMany = IntStream.range(0, 101).mapToObj(i -> "h" + i + ".example").toList();
    assertPolicy(() -> SubjectAltNames.forRequest(new X500Name("CN=h0.example"), Profiles.SERVER.nameRules(), null, tooMany, List.of()),
        "at most 100");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      host that is no DNS name       | CN=a.example              | server | bad_host.example | null         | is not a valid DNS host name
      host that is an IP address     | CN=a.example              | server | 192.0.2.1        | null         | put IP addresses in subjectAltNames
      name that is neither           | CN=a.example              | server | a.example        | not a name!  | neither a DNS host name nor an IPv4 or IPv6 address
      IPv4 with a leading zero       | CN=a.example              | server | a.example        | 010.0.0.1    | 010.0.0.1' is neither a DNS
      IPv6 with a zone               | CN=a.example              | server | a.example        | fe80::1%eth0 | neither a DNS host name
      network, not an address        | CN=a.example              | server | a.example        | 10.0.0.0/8   | neither a DNS host name
      empty name                     | CN=a.example              | server | a.example        | ''           | a subjectAltName is empty
      server CN that is no host name | CN=My Server              | server | a.example        | null         | My Server' is neither a host name nor an IP address
      server with two CNs            | CN=a.example+CN=b.example | server | a.example        | null         | more than one common name
      """)
  void refusedNames(String what, String subject, String profile, String host, String name, String detail) {
    List<String> names = name == null ? null : List.of(name);
    Profile chosen = Profiles.byName(profile).orElseThrow();

    assertPolicy(() -> SubjectAltNames.forRequest(new X500Name(subject), chosen.nameRules(), host, names, List.of()), detail);
  }

  @Test
  void aProfileThatRequiresAHostRefusesARequestWithout() {
    Profile hostOnly = new Profile("host-only", Profiles.SERVER.extendedKeyUsages(), Profiles.SERVER.keyUsageByKeyType(), true, true, 365);

    assertPolicy(() -> SubjectAltNames.forRequest(new X500Name("CN=a.example"), hostOnly.nameRules(), null, List.of("a.example"), List.of()),
        "profile host-only requires a host");
  }

  private static void assertPolicy(ThrowingCallable call, String detail) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(RequestProblem.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.POLICY_VIOLATION))
        .hasMessageContaining(detail);
  }

  private static void assertPolicy(X500Name subject, List<GeneralName> requested, String detail) {
    assertThatThrownBy(() -> SubjectAltNames.forCertificate(subject, requested))
        .isInstanceOfSatisfying(RequestProblem.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.POLICY_VIOLATION))
        .hasMessageContaining(detail);
  }
}
