package io.eventca.ca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventca.tokens.TokenKeys;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;

/**
 * Tokens signed with the right key whose claims ./eventca-token would never write: an admin's claims with some
 * replaced (a JSON null removes one). Times may be written "now", "now+3600" or "now-60" (seconds).
 */
final class HostileTokens {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PrivateKey KEY = TokenKeys.readPrivateKey(Path.of("src/test/resources/tokens/token-signing-key.pem"));
  private static final Pattern RELATIVE = Pattern.compile("now([+-]\\d+)?");

  private HostileTokens() {}

  static String mint(Map<String, Object> overrides) {
    JsonNode tree = JSON.valueToTree(overrides);
    return mint(tree);
  }

  static String mint(JsonNode overrides) {
    ObjectNode claims = JSON.createObjectNode()
        .put("iss", "eventca").put("sub", TestTokens.ADMIN).put("upn", TestTokens.ADMIN)
        .put("iat", "now").put("exp", "now+3600").put("jti", UUID.randomUUID().toString());
    claims.putArray("groups").add("admin");
    overrides.fields().forEachRemaining(claim -> {
      if (claim.getValue().isNull()) {
        claims.remove(claim.getKey());
      } else {
        claims.set(claim.getKey(), claim.getValue());
      }
    });
    for (String time : new String[] {"iat", "exp", "nbf"}) {
      Matcher relative = claims.hasNonNull(time) && claims.get(time).isTextual() ? RELATIVE.matcher(claims.get(time).asText()) : null;
      if (relative != null && relative.matches()) {
        long offset = relative.group(1) == null ? 0 : Long.parseLong(relative.group(1));
        claims.put(time, Instant.now().getEpochSecond() + offset);
      }
    }
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toString());
    jws.setKey(KEY);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setHeader("typ", "JWT");
    try {
      return jws.getCompactSerialization();
    } catch (org.jose4j.lang.JoseException e) {
      throw new IllegalStateException(e);
    }
  }
}
