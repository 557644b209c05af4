package io.eventca.ca.api;

import io.eventca.ca.config.TokenConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * Reads the token-signing public key the way start-up needs it checked (TokenConfig's @TokenPublicKeyFile).
 * smallrye-jwt reads it only at the first request, so without the check a misconfigured service would report
 * ready and then answer 401 to everyone.
 */
@ApplicationScoped
public class TokenKeyCheck {
  private static final Logger LOG = Logger.getLogger(TokenKeyCheck.class);
  static final String PROPERTY = "mp.jwt.verify.publickey.location";
  private static final String HINT = " (make the key pair with ./eventca-token init DIR and point " + PROPERTY
      + " / MP_JWT_VERIFY_PUBLICKEY_LOCATION at DIR/token-signing.pub.pem)";

  void onStart(@Observes StartupEvent event, TokenConfig config) {
    RSAPublicKey key = check(config.publicKeyLocation());
    LOG.infof("bearer tokens are verified with the RSA-%d key in %s", key.getModulus().bitLength(), config.publicKeyLocation());
  }

  public static RSAPublicKey check(String location) {
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !location.startsWith("file:")) {
      throw new IllegalStateException(PROPERTY + "=" + location + " must be a file path" + HINT);
    }
    Path file;
    try {
      file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
    } catch (InvalidPathException e) {
      throw new IllegalStateException(PROPERTY + "=" + location + " is not a valid path" + HINT);
    }
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(PROPERTY + "=" + location + ": cannot read " + file.toAbsolutePath()
          + " (" + e.getClass().getSimpleName() + ")" + HINT);
    }
    String begin = "-----BEGIN PUBLIC KEY-----";
    String end = "-----END PUBLIC KEY-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalStateException(PROPERTY + "=" + location + " has no " + begin + " block" + HINT);
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
      RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
      if (key.getModulus().bitLength() < 2048) {
        throw new IllegalStateException(PROPERTY + "=" + location + " is an RSA-" + key.getModulus().bitLength()
            + " key; RS256 tokens need at least RSA-2048" + HINT);
      }
      return key;
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalStateException(PROPERTY + "=" + location + " is not an RSA public key" + HINT);
    }
  }
}
