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
    RequesterRegistered event = new RegisterRequesterBody("svc-1", pem, List.of("*.Svc.Internal", "10.0.0.1"), List.of("server"), 30, null)
        .toEvent("alice");

    assertThat(event.requester().value()).isEqualTo("svc-1");
    assertThat(event.policy().allowedNames()).containsExactly("*.svc.internal", "10.0.0.1");
    assertThat(event.policy().anyCa()).isTrue();
    assertThat(event.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
    assertThat(event.registeredBy()).isEqualTo("alice");
  }
}
