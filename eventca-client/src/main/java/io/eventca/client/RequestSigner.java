package io.eventca.client;

/**
 * Signs requests with the service's requester key, the key an admin registered for it
 * ({@code POST /api/v1/requesters}): SHA-256 with ECDSA (DER) or RSA PKCS#1 v1.5 over the bytes given, e.g.
 *
 * <pre>{@code
 * RequestSigner signer = message -> {
 *   Signature s = Signature.getInstance("SHA256withECDSA");
 *   s.initSign(requesterKey);
 *   s.update(message);
 *   return s.sign();
 * };
 * }</pre>
 *
 * An interface and not a key, so the key may stay wherever the service keeps it (a key store, an HSM, an agent).
 */
@FunctionalInterface
public interface RequestSigner {
  /** @param message {@link io.eventca.events.fleet.RequestSignature#message} of the request */
  byte[] sign(byte[] message) throws Exception;
}
