package io.eventca.bench.fleet;

import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.fleet.RequestSignature;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What authenticating one request on eventca.fleet-requests adds to the issuer-worker: the signed text (with the
 * request's fingerprint, a SHA-256 over the CSR) and one verification with Bouncy Castle, as
 * io.eventca.checks.policy.RequestSignatures does it (the key parsed once per registration, not per request).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class RequestSignatureBenchmarks {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  @Param({"EC", "RSA"})
  public String requesterKey;

  private KeyPair keys;
  private CertificateRequested request;
  private byte[] signature;
  private String algorithm;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(requesterKey);
    if (requesterKey.equals("EC")) {
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      algorithm = "SHA256withECDSA";
    } else {
      generator.initialize(2048);
      algorithm = "SHA256withRSA";
    }
    keys = generator.generateKeyPair();
    // A CSR-sized PEM: the fingerprint hashes it, so its length is part of the cost.
    String csr = "-----BEGIN CERTIFICATE REQUEST-----\n" + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".repeat(20)
        + "\n-----END CERTIFICATE REQUEST-----\n";
    request = new CertificateRequested(CaId.random(), RequestId.random(), csr, "server", 30, "svc-1", Instant.now(),
        "eventca.replies");
    Signature signer = Signature.getInstance(algorithm, BC);
    signer.initSign(keys.getPrivate());
    signer.update(RequestSignature.message(request));
    signature = signer.sign();
    request = request.signed(Base64.getEncoder().encodeToString(signature));
  }

  @Benchmark
  public boolean verifyAFleetRequest() throws GeneralSecurityException {
    Signature verifier = Signature.getInstance(algorithm, BC);
    verifier.initVerify(keys.getPublic());
    verifier.update(RequestSignature.message(request));
    return verifier.verify(Base64.getDecoder().decode(request.signature()));
  }
}
