package io.eventca.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventca.client.RequestSigner;
import io.eventca.events.ids.CaId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registered requesters for a run against a locked-down eventca, where only signed requests of registered requesters
 * on {@code eventca.fleet-requests} are served: one EC P-256 requester key made for the run, registered over REST
 * under each name with a policy that allows the run's names, CA and profile, and the signer that uses it.
 */
final class FleetRequesters {
  private final KeyPair key;

  FleetRequesters() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      this.key = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make an EC P-256 requester key", e);
    }
  }

  /** Signs as the fleet walkthrough of docs/FLEET.md does: SHA-256 with ECDSA over RequestSignature.message. */
  RequestSigner signer() {
    return message -> {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(key.getPrivate());
      s.update(message);
      return s.sign();
    };
  }

  String publicKeyPem() {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPublic().getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  /** The registration body of {@code POST /api/v1/requesters} for one name. */
  Map<String, Object> registration(String name, String domain, CaId ca, String profile, int validityDays) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("publicKeyPem", publicKeyPem());
    body.put("allowedNames", List.of("*." + domain));
    body.put("allowedProfiles", List.of(profile));
    body.put("maxValidityDays", validityDays);
    body.put("allowedCaIds", List.of(ca.value()));
    return body;
  }

  /** Registers every name (admin token from the caller), failing on the first answer that is not 2xx. */
  void register(URI caUrl, String token, List<String> names, String domain, CaId ca, String profile, int validityDays)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    ObjectMapper json = new ObjectMapper();
    for (String name : names) {
      HttpRequest request = HttpRequest.newBuilder(caUrl.resolve("/api/v1/requesters"))
          .timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              json.writeValueAsString(registration(name, domain, ca, profile, validityDays))))
          .build();
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() / 100 != 2) {
        throw new IOException("registering requester " + name + " at " + caUrl + " failed: HTTP "
            + answer.statusCode() + " " + answer.body());
      }
    }
  }
}
