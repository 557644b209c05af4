package io.eventca.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Everything we write reads back as the same key, and so does everything OpenSSL writes. */
class ReadBackTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({
      "rsa2048, PKCS8, false", "rsa2048, PKCS8, true", "rsa2048, RSA, false", "rsa2048, RSA, true", "rsa2048, PFX, true",
      "ec256, PKCS8, false", "ec256, PKCS8, true", "ec256, RSA, false", "ec256, RSA, true", "ec256, PFX, true"})
  void whatWeWriteReadsBackAsTheSameKey(String name, KeyFormat format, boolean encrypted) {
    KeyMaterial key = TestKeys.named(name);
    List<String> chain = TestKeys.chain(key, "alice");
    byte[] written = key.write(format, encrypted ? TestKeys.pass() : null, chain, "alice");

    KeyMaterial back = KeyMaterial.read(written, format, encrypted ? TestKeys.pass() : null);

    assertThat(back.algorithm()).isEqualTo(key.algorithm());
    assertThat(back.keySize()).isEqualTo(key.keySize());
    // The unencrypted PKCS#8 encoding is canonical, so equal bytes mean the same private key.
    assertThat(back.write(KeyFormat.PKCS8, null, List.of(), null)).isEqualTo(key.write(KeyFormat.PKCS8, null, List.of(), null));
    assertThat(back.matches(chain.get(0))).isTrue();
    if (format == KeyFormat.PFX) {
      assertThat(back.certificateChainPem()).hasSize(2);
      assertThat(TestKeys.der(back.certificateChainPem().get(0))).isEqualTo(TestKeys.der(chain.get(0)));
      assertThat(TestKeys.der(back.certificateChainPem().get(1))).isEqualTo(TestKeys.der(chain.get(1)));
    } else {
      assertThat(back.certificateChainPem()).isEmpty();
    }
  }

  @Test
  void matchesIsFalseForSomeoneElsesCertificate() {
    assertThat(TestKeys.rsa2048().matches(TestKeys.leafPem(TestKeys.ec256(), "other"))).isFalse();
    assertThat(TestKeys.ec384().matches(TestKeys.leafPem(TestKeys.ec256(), "other"))).isFalse();
    assertThat(TestKeys.ec256().matches(TestKeys.caPem())).isFalse();
  }

  /** The files of the brief, made by OpenSSL 3 itself: genpkey, pkcs8 -topk8 -v2, rsa -traditional, pkcs12 -export. */
  @Test
  void readsEveryRsaFileOpensslWrites() {
    opensslKey();
    KeyMaterial reference = KeyMaterial.read(Tools.read(dir.resolve("k.pem")), KeyFormat.PKCS8, null);
    assertThat(reference.algorithm()).isEqualTo("RSA");
    assertThat(reference.keySize()).isEqualTo(2048);
    assertThat(TestKeys.publicKeyDer(reference)).isEqualTo(Tools.opensslPublicKey(dir, dir.resolve("k.pem"), "pass:"));

    openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout", "pass:x", "-in", "k.pem", "-out", "k8.pem");
    openssl("rsa", "-aes256", "-passout", "pass:x", "-traditional", "-in", "k.pem", "-out", "krsa.pem");
    openssl("rsa", "-traditional", "-in", "k.pem", "-out", "krsa-plain.pem");
    openssl("req", "-new", "-x509", "-key", "k.pem", "-subj", "/CN=alice", "-days", "1", "-out", "cert.pem");
    openssl("pkcs12", "-export", "-inkey", "k.pem", "-in", "cert.pem", "-passout", "pass:x", "-out", "k.pfx");

    assertThat(Tools.text(dir.resolve("krsa.pem"))).contains("Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-256-CBC");
    assertSameKey(reference, read("k8.pem", KeyFormat.PKCS8, "x"));
    assertSameKey(reference, read("krsa.pem", KeyFormat.RSA, "x"));
    assertSameKey(reference, read("krsa-plain.pem", KeyFormat.RSA, null));
    KeyMaterial fromPfx = read("k.pfx", KeyFormat.PFX, "x");
    assertSameKey(reference, fromPfx);
    assertThat(fromPfx.certificateChainPem()).hasSize(1);
    assertThat(TestKeys.der(fromPfx.certificateChainPem().get(0))).isEqualTo(TestKeys.der(Tools.text(dir.resolve("cert.pem"))));
    assertThat(fromPfx.matches(Tools.text(dir.resolve("cert.pem")))).isTrue();
  }

  @Test
  void readsEcFilesOpensslWrites() {
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "ec.pem");
    openssl("pkey", "-in", "ec.pem", "-traditional", "-aes256", "-passout", "pass:x", "-out", "ec-trad.pem");
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "ecparam.pem"); // "EC PARAMETERS" block first

    KeyMaterial reference = read("ec.pem", KeyFormat.PKCS8, null);
    assertThat(reference.algorithm()).isEqualTo("EC");
    assertThat(reference.keySize()).isEqualTo(384);
    assertThat(Tools.text(dir.resolve("ec-trad.pem"))).startsWith("-----BEGIN EC PRIVATE KEY-----");
    assertSameKey(reference, read("ec-trad.pem", KeyFormat.RSA, "x"));
    KeyMaterial p256 = read("ecparam.pem", KeyFormat.RSA, null);
    assertThat(p256.keySize()).isEqualTo(256);
    assertThat(TestKeys.publicKeyDer(p256)).isEqualTo(Tools.opensslPublicKey(dir, dir.resolve("ecparam.pem"), "pass:"));
  }

  /** Requesters still hold PFX files from before OpenSSL 3 (RC2/3DES, SHA-1 MAC); the JDK reads those too. */
  @Test
  void readsLegacyPfx() {
    opensslKey();
    openssl("req", "-new", "-x509", "-key", "k.pem", "-subj", "/CN=alice", "-days", "1", "-out", "cert.pem");
    Tools.Result legacy = Tools.openssl(dir, "pkcs12", "-export", "-legacy", "-inkey", "k.pem", "-in", "cert.pem",
        "-passout", "pass:x", "-out", "legacy.pfx");
    assumeThat(legacy.exit()).as("openssl legacy provider available").isZero();
    assertThat(Tools.openssl(dir, "pkcs12", "-in", "legacy.pfx", "-passin", "pass:x", "-info", "-noout", "-legacy")
        .output()).contains("RC2");

    assertSameKey(read("k.pem", KeyFormat.PKCS8, null), read("legacy.pfx", KeyFormat.PFX, "x"));
  }

  private void opensslKey() {
    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "k.pem");
  }

  private void openssl(String... args) {
    Tools.openssl(dir, args).ok();
  }

  private KeyMaterial read(String file, KeyFormat format, String passphrase) {
    return KeyMaterial.read(Tools.read(dir.resolve(file)), format, passphrase == null ? null : passphrase.toCharArray());
  }

  private static void assertSameKey(KeyMaterial expected, KeyMaterial actual) {
    assertThat(actual.write(KeyFormat.PKCS8, null, List.of(), null))
        .isEqualTo(expected.write(KeyFormat.PKCS8, null, List.of(), null));
  }
}
