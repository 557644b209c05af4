package io.eventca.checks.policy;

import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.fleet.RequestSignature;
import io.eventca.events.registry.RequesterRegistered;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Checks that a fleet request was signed by its requester's registered key ({@link RequestSignature}), so that
 * being able to write to {@code eventca.fleet-requests} is not enough to get a certificate in someone's name.
 */
public final class RequestSignatures {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  /** Parsed keys by PEM: registrations are few and change rarely; parsing on every request is waste. */
  private static final Map<String, PublicKey> KEYS = new ConcurrentHashMap<>();

  private RequestSignatures() {}

  /** @return null when the signature verifies, else why not (said to the requester; never the key itself) */
  public static String problem(CertificateRequested request, RequesterRegistered requester) {
    if (request.signature() == null || request.signature().isBlank()) {
      return "requests on eventca.fleet-requests must carry signature, by the key registered for requester " + requester.requester();
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(request.signature());
    } catch (IllegalArgumentException e) {
      return "signature is not base64";
    }
    try {
      PublicKey key = KEYS.computeIfAbsent(requester.publicKeyPem(), RequestSignatures::parse);
      Signature verifier = Signature.getInstance(key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA", BC);
      verifier.initVerify(key);
      verifier.update(RequestSignature.message(request));
      if (verifier.verify(signature)) {
        return null;
      }
    } catch (GeneralSecurityException | IllegalStateException e) {
      // a malformed signature is just a signature that does not verify
    }
    return "signature does not verify under the key registered for requester " + requester.requester()
        + " (SHA-256 over RequestSignature.message: context, requestId, requestedBy, replyTopic, fingerprint)";
  }

  private static PublicKey parse(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      if (parser.readObject() instanceof SubjectPublicKeyInfo info) {
        return new JcaPEMKeyConverter().setProvider(BC).getPublicKey(info);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("the registered key is no public key PEM", e);
    }
    throw new IllegalStateException("the registered key is no public key PEM");
  }
}
