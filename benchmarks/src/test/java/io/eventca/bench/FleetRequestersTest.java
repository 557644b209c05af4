package io.eventca.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.events.ids.CaId;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetRequestersTest {
  @Test
  void whatTheSignerSignsVerifiesUnderTheRegisteredPublicKey() throws Exception {
    FleetRequesters requesters = new FleetRequesters();
    CaId ca = CaId.random();
    Map<String, Object> body = requesters.registration("bench-1", "ab12.bench.example", ca, "server", 30);
    byte[] message = "eventca-certificate-request-v1\nid".getBytes(StandardCharsets.UTF_8);

    byte[] signature = requesters.signer().sign(message);

    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(publicKey((String) body.get("publicKeyPem")));
    verifier.update(message);
    assertThat(verifier.verify(signature)).isTrue();
    verifier.initVerify(publicKey((String) body.get("publicKeyPem")));
    verifier.update("another message".getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(signature)).isFalse();
  }

  @Test
  void thePolicyAllowsTheRunsNamesCaAndProfileOnly() {
    CaId ca = CaId.random();
    Map<String, Object> body = new FleetRequesters().registration("bench-1", "ab12.bench.example", ca, "client", 30);
    assertThat(body).containsEntry("name", "bench-1")
        .containsEntry("allowedNames", List.of("*.ab12.bench.example"))
        .containsEntry("allowedProfiles", List.of("client"))
        .containsEntry("maxValidityDays", 30)
        .containsEntry("allowedCaIds", List.of(ca.value()));
  }

  private static PublicKey publicKey(String pem) throws Exception {
    String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
        .replaceAll("\\s", "");
    return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
