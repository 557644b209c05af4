package io.eventca.checks.names;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.checks.RequestProblem;
import io.eventca.events.errors.ErrorCode;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

/** What a request over Kafka can carry that REST's JSON binding never lets through. */
class SubjectAltNamesTest {
  private static final NameRules SERVER = new NameRules("server", true, true);
  private static final X500Name SUBJECT = new X500Name("CN=svc.example");

  @Test
  void aNullSubjectAltNameIsARefusalNamingTheField_notAnInternalError() {
    List<String> withNull = Arrays.asList("svc.example", null);
    assertThatThrownBy(() -> SubjectAltNames.forRequest(SUBJECT, SERVER, "svc.example", withNull, List.of()))
        .isInstanceOfSatisfying(RequestProblem.class, p -> {
          org.assertj.core.api.Assertions.assertThat(p.code()).isEqualTo(ErrorCode.POLICY_VIOLATION);
          org.assertj.core.api.Assertions.assertThat(p.field()).isEqualTo("subjectAltNames");
        })
        .hasMessageContaining("a subjectAltName is null");
  }

  @Test
  void aHostThatReadsAsAnAddressIsRefused() {
    assertThatThrownBy(() -> SubjectAltNames.forRequest(new X500Name("CN=127.1"), SERVER, "127.1", null, List.of()))
        .isInstanceOf(RequestProblem.class).hasMessageContaining("not a valid DNS host name");
    assertThatThrownBy(() -> SubjectAltNames.forRequest(SUBJECT, SERVER, "svc.example", List.of("2130706433"), List.of()))
        .isInstanceOf(RequestProblem.class).hasMessageContaining("neither a DNS host name nor");
  }
}
