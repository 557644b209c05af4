package io.eventca.issuer;

import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.fleet.RequestSignature;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequesterName;
import io.eventca.events.registry.RequesterPolicy;
import io.eventca.events.registry.RequesterRegistered;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** A requester of the fleet for tests: its key pair, its registration, and its signatures on requests. */
public final class TestRequesters {
  private TestRequesters() {}

  public record Requester(RequesterName name, KeyPair keys, String signatureAlgorithm) {
    public RequesterRegistered registered(RequesterPolicy policy) {
      String pem = io.eventca.testkit.Csrs.pem(keys.getPublic());
      return new RequesterRegistered(name, pem, policy, "admin", Instant.now());
    }

    public CertificateRequested sign(CertificateRequested request) {
      try {
        Signature signer = Signature.getInstance(signatureAlgorithm);
        signer.initSign(keys.getPrivate());
        signer.update(RequestSignature.message(request));
        return request.signed(Base64.getEncoder().encodeToString(signer.sign()));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public static Requester ec(String name) {
    return new Requester(new RequesterName(name), generate("EC"), "SHA256withECDSA");
  }

  public static Requester rsa(String name) {
    return new Requester(new RequesterName(name), generate("RSA"), "SHA256withRSA");
  }

  public static RequesterPolicy policy(List<String> names, List<String> profiles, int maxDays, List<CaId> cas) {
    return new RequesterPolicy(names, profiles, maxDays, cas);
  }

  private static KeyPair generate(String algorithm) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
