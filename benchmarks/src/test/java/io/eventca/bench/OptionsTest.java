package io.eventca.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {
  private static final String CA = "0b6c2a0e-3f7d-4c8e-9a51-2d4f6b8c0e12";

  @Test
  void defaults() {
    Options o = Options.parse("--bootstrap", "localhost:9092", "--ca", CA);
    assertThat(o.requests()).isEqualTo(1000);
    assertThat(o.requesters()).isEqualTo(4);
    assertThat(o.inFlight()).isEqualTo(1);
    assertThat(o.profile()).isEqualTo("server");
    assertThat(o.requesterKey()).isEqualTo("ec");
    assertThat(o.caKey()).isEqualTo("rsa");
    assertThat(o.clients()).isEqualTo(Options.Clients.SHARED);
    assertThat(o.rawSeconds()).isEqualTo(5);
    assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.json()).isNull();
    assertThat(o.commandConfig()).isNull();
    assertThat(o.register()).isNull();
  }

  @Test
  void aLockedDownEventcaNeedsALoginAndRegisteredRequesters() {
    Options o = Options.parse("--bootstrap", "localhost:9092", "--ca", CA, "--command-config",
        ".eventca-local/kafka-clients/fleet-demo.properties", "--register", "http://localhost:8080");
    assertThat(o.commandConfig()).hasToString(".eventca-local/kafka-clients/fleet-demo.properties");
    assertThat(o.register()).hasToString("http://localhost:8080");
    assertThatThrownBy(() -> Options.parse("--bootstrap", "k:9092", "--ca", CA, "--register", "localhost:8080"))
        .hasMessageContaining("http or https");
  }

  @Test
  void everyOption() {
    Options o = Options.parse("--bootstrap", "k:9092", "--ca", CA.toUpperCase(), "--requests", "50", "--requesters", "3",
        "--in-flight", "4", "--profile", "client", "--key", "RSA", "--key-pool", "5", "--validity-days", "30",
        "--clients", "both", "--reply-topic", "eventca.replies-bench", "--timeout", "2.5", "--attempts", "1",
        "--ca-key", "ec", "--raw-seconds", "0.5", "--raw-warmup-seconds", "0", "--json", "out.json", "--quiet");
    assertThat(o.caId().value()).isEqualTo(CA);
    assertThat(o.requests()).isEqualTo(50);
    assertThat(o.inFlight()).isEqualTo(4);
    assertThat(o.requesterKey()).isEqualTo("rsa");
    assertThat(o.clients().runs()).containsExactly(Options.Clients.SHARED, Options.Clients.PER_REQUESTER);
    assertThat(o.timeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(o.rawSeconds()).isEqualTo(0.5);
    assertThat(o.progress()).isFalse();
  }

  @Test
  void theRawLimitAloneNeedsNoKafka() {
    Options o = Options.parse("--requests", "0", "--raw-seconds", "1");
    assertThat(o.bootstrap()).isNull();
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> Options.parse("--ca", CA)).hasMessageContaining("--bootstrap");
    assertThatThrownBy(() -> Options.parse("--bootstrap", "k:9092")).hasMessageContaining("--ca");
    assertThatThrownBy(() -> Options.parse("--bootstrap", "k:9092", "--ca", "nope")).hasMessageContaining("UUID");
    assertThatThrownBy(() -> Options.parse("--bootstrap", "k:9092", "--ca", CA, "--in-flight", "0"))
        .hasMessageContaining("--in-flight");
    assertThatThrownBy(() -> Options.parse("--bootstrap", "k:9092", "--ca", CA, "--key", "dsa"))
        .hasMessageContaining("--key");
    assertThatThrownBy(() -> Options.parse("--frobnicate", "1")).hasMessageContaining("--frobnicate");
    assertThatThrownBy(() -> Options.parse("--requests")).hasMessageContaining("needs a value");
  }
}
