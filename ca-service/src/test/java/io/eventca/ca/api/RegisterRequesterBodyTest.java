package io.eventca.ca.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.events.registry.RequesterRegistered;
import io.eventca.testkit.Csrs;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterRequesterBodyTest {
  @Test
  void aValidRegistrationBecomesTheEvent_withPatternsLowerCasedAndTheKeyReEncoded() {
    String pem = Csrs.pem(Csrs.ecP256().getPublic());
    RequesterRegistered event = new RegisterRequesterBody("svc-1", pem, List.of("*.Svc.Internal", "10.0.0.1"), List.of("server"), 30, null, null)
        .toEvent("alice");

    assertThat(event.requester().value()).isEqualTo("svc-1");
    assertThat(event.policy().allowedNames()).containsExactly("*.svc.internal", "10.0.0.1");
    assertThat(event.policy().anyCa()).isTrue();
    assertThat(event.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
    assertThat(event.registeredBy()).isEqualTo("alice");
    assertThat(event.policy().allowedSubject()).isNull();
  }

  @Test
  void subjectPatternsAreKeptPerAttribute_andOnlyForAttributesAndTextsASubjectCanHold() {
    String pem = Csrs.pem(Csrs.ecP256().getPublic());
    RequesterRegistered event = new RegisterRequesterBody("svc-1", pem, List.of("svc.internal"), List.of("server"), 30, null,
        java.util.Map.of("organization", List.of("Example *"), "email", List.of("*@svc.example"))).toEvent("alice");
    assertThat(event.policy().allowedSubject("organization")).containsExactly("Example *");
    assertThat(event.policy().allowedSubject("email")).containsExactly("*@svc.example");

    for (var bad : List.of(java.util.Map.of("commonName", List.of("x")), java.util.Map.of("title", List.of("x")),
        java.util.Map.of("organization", List.<String>of()), java.util.Map.of("organization", List.of("Example\u202eCorp")),
        java.util.Map.of("organization", List.of("o".repeat(65))))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> new RegisterRequesterBody("svc-1", pem, List.of("svc.internal"), List.of("server"), 30, null, bad).toEvent("alice"))
          .as(bad.toString()).isInstanceOf(ApiError.class).hasMessageStartingWith("allowedSubject");
    }
  }
}
