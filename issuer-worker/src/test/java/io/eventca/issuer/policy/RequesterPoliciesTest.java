package io.eventca.issuer.policy;

import io.eventca.checks.policy.PolicyRequest;
import io.eventca.checks.policy.PolicyRule;
import io.eventca.checks.policy.RequestSignatures;
import io.eventca.checks.policy.RequesterPolicies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.RequesterName;
import io.eventca.events.registry.RequesterPolicy;
import io.eventca.events.registry.RequesterRegistered;
import io.eventca.checks.subject.DecodedSubject;
import io.eventca.checks.subject.Subjects;
import io.eventca.checks.RequestProblem;
import io.eventca.issuer.ca.SubjectNames;
import org.bouncycastle.asn1.x500.style.BCStyle;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.DEROctetString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy rules against the table in requester-policy/cases.psv: each row a policy, a request and the verdict. */
class RequesterPoliciesTest {
  private static final Map<String, CaId> CAS = Map.of(
      "A", new CaId("3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3c"), "B", new CaId("9d2e7f40-1c3b-4a5d-8e6f-0a1b2c3d4e5f"));

  static Stream<Arguments> cases() throws IOException {
    try (InputStream in = RequesterPoliciesTest.class.getResourceAsStream("/requester-policy/cases.psv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> Arrays.stream(line.split("\\|", -1)).map(String::trim).toArray(String[]::new))
          .map(c -> Arguments.of(c[0], c))
          .toList().stream();
    }
  }

  /** The issuing CA of every row: its C, ST, O and OU are what a requester's subject may repeat by default. */
  static final DecodedSubject CA_SUBJECT = Subjects.decode(new X500Name("C=US,ST=California,O=Example Corp,OU=Platform,CN=Example CA"));

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givenAPolicy_whenARequestAsks_thenTheVerdictIsTheTables(String name, String[] c) {
    RequesterPolicy policy = new RequesterPolicy(list(c[1]), list(c[2]), Integer.parseInt(c[3]),
        c[4].equals("any") ? null : list(c[4]).stream().map(CAS::get).toList(), c.length > 11 ? patterns(c[11]) : null);
    RequesterRegistered requester = new RequesterRegistered(new RequesterName("payments-api"), "unused", policy, "admin", Instant.now());
    PolicyRequest request = new PolicyRequest(CAS.get(c[5]), c[6], Integer.parseInt(c[7]), list(c[8]),
        c.length > 10 ? attributes(c[10]) : List.of(), CA_SUBJECT.attributes());

    if (c[9].equals("ok")) {
      RequesterPolicies.check(requester, request);
    } else {
      assertThatThrownBy(() -> RequesterPolicies.check(requester, request))
          .isInstanceOfSatisfying(RequestProblem.class, r -> {
            assertThat(r.code().code()).isEqualTo(c[9]);
            assertThat(r.detail()).startsWith("requester payments-api: policy rule ");
          });
    }
  }

  /** "OU=Payments;O=Example Corp": the subject attributes besides the CN, as the decoder reads them. */
  private static List<DecodedSubject.Attribute> attributes(String cell) {
    if (cell.isEmpty()) {
      return List.of();
    }
    org.bouncycastle.asn1.x500.X500NameBuilder builder = new org.bouncycastle.asn1.x500.X500NameBuilder(BCStyle.INSTANCE);
    for (String pair : cell.split(";")) {
      String[] kv = pair.split("=", 2);
      builder.addRDN(BCStyle.INSTANCE.attrNameToOID(kv[0].trim()), kv[1].trim());
    }
    return Subjects.decode(builder.build()).attributes();
  }

  /** "organization=Example*,Other;email=*@x.example": allowedSubject. */
  private static Map<String, List<String>> patterns(String cell) {
    if (cell.isEmpty()) {
      return null;
    }
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    for (String pair : cell.split(";")) {
      String[] kv = pair.split("=", 2);
      out.put(kv[0].trim(), list(kv[1]));
    }
    return out;
  }

  @Test
  void everyRuleHasRowsThatPassAndRowsThatFail() throws IOException {
    List<String[]> rows = cases().map(a -> (String[]) a.get()[1]).toList();
    for (PolicyRule rule : RequesterPolicies.RULES) {
      assertThat(rows.stream().filter(r -> r[9].equals(rule.code().code()))).as(rule.field() + " refusals").hasSizeGreaterThanOrEqualTo(1);
    }
    assertThat(rows.stream().filter(r -> r[9].equals("ok"))).as("rows that pass").hasSizeGreaterThanOrEqualTo(RequesterPolicies.RULES.size());
  }

  /** The names judged are the certificate's: its CN and every subjectAltName, IP addresses in their usual text. */
  @Test
  void theNamesAreTheCommonNameAndEverySubjectAltName() throws Exception {
    CertificateRequested request = new CertificateRequested(CAS.get("A"), RequestId.random(), "csr", "server", 30, "x",
        Instant.now(), null);
    PolicyRequest judged = PolicyRequest.of(request, Subjects.decode(new X500Name("CN=API.payments.internal,O=Example")), List.of(
        new GeneralName(GeneralName.dNSName, "api.payments.internal"),
        new GeneralName(GeneralName.dNSName, "www.payments.internal"),
        new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName("10.20.0.7").getAddress()))), CA_SUBJECT);

    assertThat(judged.names()).containsExactly("api.payments.internal", "www.payments.internal", "10.20.0.7");
    assertThat(judged.profile()).isEqualTo("server");
    assertThat(judged.validityDays()).isEqualTo(30);
  }

  /**
   * A CN inside a multi-valued RDN (OU first) could hide from a rule that reads RDNs one way: the decoder refuses
   * multi-valued RDNs outright, so no policy ever sees one.
   */
  @Test
  void aMultiValuedRdnNeverReachesThePolicy() {
    X500Name subject = new org.bouncycastle.asn1.x500.X500NameBuilder(BCStyle.INSTANCE)
        .addMultiValuedRDN(new org.bouncycastle.asn1.ASN1ObjectIdentifier[] {BCStyle.OU, BCStyle.CN},
            new String[] {"api.payments.internal", "evil.bank.example"})
        .build();
    assertThatThrownBy(() -> SubjectNames.decode(subject))
        .isInstanceOfSatisfying(RequestProblem.class, r -> {
          assertThat(r.code().code()).isEqualTo("policy-violation");
          assertThat(r.detail()).contains("multi-valued RDN");
        });
  }

  /** A 16-byte IPv4-mapped SAN is an IPv6 address in the certificate: an IPv4 entry does not allow it. */
  @Test
  void anIpv4MappedSanIsNotTheIpv4Address() {
    CertificateRequested request = new CertificateRequested(CAS.get("A"), RequestId.random(), "csr", "server", 30, "x", Instant.now(), null);
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = 10;
    mapped[13] = 20;
    mapped[15] = 7;
    PolicyRequest judged = PolicyRequest.of(request, Subjects.decode(new X500Name("O=Example")),
        List.of(new GeneralName(GeneralName.iPAddress, new DEROctetString(mapped))), CA_SUBJECT);
    RequesterRegistered requester = new RequesterRegistered(new RequesterName("payments-api"), "unused",
        new RequesterPolicy(List.of("10.20.0.7"), List.of("server"), 90, null), "admin", Instant.now());

    assertThat(judged.names()).containsExactly("0:0:0:0:0:ffff:a14:7");
    assertThatThrownBy(() -> RequesterPolicies.check(requester, judged)).isInstanceOf(RequestProblem.class);
  }

  private static List<String> list(String cell) {
    return cell.isEmpty() ? List.of() : Arrays.stream(cell.split(",")).map(String::trim).toList();
  }
}
