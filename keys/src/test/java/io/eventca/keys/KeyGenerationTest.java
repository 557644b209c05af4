package io.eventca.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyGenerationTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({"rsa2048, RSA, 2048, sha256WithRSAEncryption", "ec256, EC, 256, ecdsa-with-SHA256",
      "ec384, EC, 384, ecdsa-with-SHA256"})
  void generatedKeysMakeCsrsThatOpensslVerifies(String name, String algorithm, int size, String signature) {
    KeyMaterial key = TestKeys.named(name);
    assertThat(key.algorithm()).isEqualTo(algorithm);
    assertThat(key.keySize()).isEqualTo(size);

    Path csr = Tools.write(dir, "csr.pem", key.csrPem("alice.example.com"));

    assertThat(Tools.text(csr)).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
    assertThat(Tools.openssl(dir, "req", "-verify", "-noout", "-in", "csr.pem").ok().output()).contains("verify OK");
    assertThat(Tools.openssl(dir, "req", "-noout", "-subject", "-nameopt", "RFC2253", "-in", "csr.pem").ok().output())
        .isEqualToIgnoringNewLines("subject=CN=alice.example.com");
    String text = Tools.openssl(dir, "req", "-noout", "-text", "-in", "csr.pem").ok().output();
    assertThat(text).contains("Signature Algorithm: " + signature);
    if (algorithm.equals("EC")) {
      assertThat(text).contains(size == 256 ? "NIST CURVE: P-256" : "NIST CURVE: P-384");
    } else {
      assertThat(text).contains("Public-Key: (2048 bit)");
    }
  }

  /**
   * The check above can fail: a tampered CSR is reported. OpenSSL 3.0 exits 0 even then, which is why the check reads
   * the "verify OK" line rather than the exit code.
   */
  @Test
  void opensslRejectsATamperedCsr() {
    byte[] der = TestKeys.der(TestKeys.ec256().csrPem("alice"));
    der[der.length - 5] ^= 0x01;
    Tools.write(dir, "bad.der", der);

    assertThat(Tools.openssl(dir, "req", "-verify", "-noout", "-inform", "DER", "-in", "bad.der").output())
        .contains("verify failure")
        .doesNotContain("verify OK");
  }

  @Test
  void commonNameIsOneValueEvenWithDnSyntaxInIt() throws Exception {
    PKCS10CertificationRequest csr = new PKCS10CertificationRequest(TestKeys.der(TestKeys.ec256().csrPem("a,O=evil")));

    assertThat(csr.getSubject().getRDNs()).hasSize(1);
    assertThat(csr.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue().toString()).isEqualTo("a,O=evil");
  }
}
