package io.eventca.ca.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsrsTest {
  @Test
  void aFreshCsrIsAccepted() {
    assertThatCode(() -> Csrs.requireValid(io.eventca.testkit.Csrs.csrPem(io.eventca.testkit.Csrs.rsa(2048), "CN=a.example")))
        .doesNotThrowAnyException();
    assertThatCode(() -> Csrs.requireValid(io.eventca.testkit.Csrs.csrPem(io.eventca.testkit.Csrs.ecP256(), "CN=a.example")))
        .doesNotThrowAnyException();
  }

  @Test
  void aTamperedCsrIsRefused() {
    String pem = io.eventca.testkit.Csrs.csrPem(io.eventca.testkit.Csrs.ecP256(), "CN=a.example");
    String[] lines = pem.split("\n");
    int middle = lines.length / 2;
    char[] line = lines[middle].toCharArray();
    line[10] = line[10] == 'A' ? 'B' : 'A';
    lines[middle] = new String(line);
    assertThatThrownBy(() -> Csrs.requireValid(String.join("\n", lines))).isInstanceOf(ApiError.class);
    assertThatThrownBy(() -> Csrs.requireValid("hello")).isInstanceOf(ApiError.class).hasMessageContaining("PKCS#10");
  }
}
