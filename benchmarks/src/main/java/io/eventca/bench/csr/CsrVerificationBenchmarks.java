package io.eventca.bench.csr;

import io.eventca.checks.csr.ProofOfPossession;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
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
 * A CSR's proof of possession (issue 12): {@code jdkProvider} is how issuer-worker's CsrValidator verified it until
 * issue 12 (the key converted by JcaPEMKeyConverter, the signature by the JDK's default provider: SunEC for EC),
 * {@code shared} is {@link ProofOfPossession}, which ca-service's door and issuer-worker now both call (Bouncy Castle).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class CsrVerificationBenchmarks {
  @Param({"EC", "RSA"})
  public String requesterKey;

  private PKCS10CertificationRequest csr;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(requesterKey);
    String algorithm;
    if (requesterKey.equals("EC")) {
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      algorithm = "SHA256withECDSA";
    } else {
      generator.initialize(2048);
      algorithm = "SHA256withRSA";
    }
    KeyPair keys = generator.generateKeyPair();
    csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=bench.example.internal"), keys.getPublic())
        .build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate()));
    if (!jdkProvider() || !shared()) {
      throw new IllegalStateException("the benchmark's CSR does not verify");
    }
  }

  @Benchmark
  public boolean jdkProvider() throws Exception {
    return csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(
        new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo())));
  }

  @Benchmark
  public boolean shared() {
    return ProofOfPossession.verifies(csr);
  }
}
