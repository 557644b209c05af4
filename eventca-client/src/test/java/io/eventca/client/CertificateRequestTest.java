package io.eventca.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateRequestTest {
  private static final CaId CA = CaId.random();

  @Test
  void defaults() {
    CertificateRequest r = CertificateRequest.of(CA, "server", "csr");
    assertThat(r.requestId()).isNotNull();
    assertThat(r.validityDays()).isEqualTo(100);
    assertThat(r.host()).isNull();
    assertThat(r.subjectAltNames()).isEmpty();
    assertThat(CertificateRequest.of(CA, "server", "csr").requestId()).isNotEqualTo(r.requestId());
  }

  @Test
  void withersKeepTheRest() {
    RequestId id = new RequestId("svc-1");
    CertificateRequest r = CertificateRequest.of(CA, "client", "csr").withRequestId(id).withValidityDays(30)
        .withHost("a.example").withSubjectAltNames(List.of("b.example"));
    assertThat(r).isEqualTo(new CertificateRequest(id, CA, "client", "csr", 30, "a.example", List.of("b.example")));
  }

  @Test
  void rejectsWhatCannotBeAsked() {
    assertThatThrownBy(() -> CertificateRequest.of(null, "server", "csr")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> CertificateRequest.of(CA, null, "csr")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> CertificateRequest.of(CA, "server", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> CertificateRequest.of(CA, "server", "csr").withValidityDays(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void configDefaults() {
    ClientConfig c = ClientConfig.of("localhost:9092", "svc");
    assertThat(c.replyTopic()).isEqualTo("eventca.replies");
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.attempts()).isEqualTo(3);
    assertThat(c.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.kafkaProperties()).isEmpty();
    assertThatThrownBy(() -> ClientConfig.of("", "svc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClientConfig.of("k:9092", " ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withAttempts(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void answersAreOneOfTwoKinds() {
    RequestId id = new RequestId("r1");
    CertificateAnswer refused = CertificateAnswer.refused(id, CA, "weak-key", "RSA 1024");
    assertThat(refused.isIssued()).isFalse();
    assertThat(refused.asRefused().code()).isEqualTo("weak-key");
    assertThatThrownBy(refused::asIssued).hasMessageContaining("weak-key");
    CertificateAnswer issued = CertificateAnswer.issued(id, CA, null, "pem", "chain", null, null, true);
    assertThat(issued.isIssued()).isTrue();
    assertThat(issued.asIssued().repeated()).isTrue();
    assertThatThrownBy(issued::asRefused).isInstanceOf(IllegalStateException.class);
  }
}
