package io.eventca.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad input is a KeyFormatException whose message says what is wrong and echoes no secret. */
class BadInputTest {
  private static final byte[] GARBAGE = new byte[512];

  static {
    new Random(42).nextBytes(GARBAGE);
  }

  static Stream<Arguments> badInputs() {
    KeyMaterial rsa = TestKeys.rsa2048();
    KeyMaterial ec = TestKeys.ec256();
    byte[] pkcs8 = rsa.write(KeyFormat.PKCS8, TestKeys.pass(), List.of(), null);
    byte[] traditional = rsa.write(KeyFormat.RSA, TestKeys.pass(), List.of(), null);
    byte[] pfx = ec.write(KeyFormat.PFX, TestKeys.pass(), TestKeys.chain(ec, "alice"), "alice");
    byte[] certificate = TestKeys.caPem().getBytes(StandardCharsets.US_ASCII);
    char[] wrong = TestKeys.WRONG.toCharArray();
    return Stream.of(
        bad("garbage as pem", () -> KeyMaterial.read(GARBAGE, KeyFormat.PKCS8, null), "not PEM"),
        bad("garbage as pfx", () -> KeyMaterial.read(GARBAGE, KeyFormat.PFX, TestKeys.pass()), "not a PKCS#12"),
        bad("empty input", () -> KeyMaterial.read(new byte[0], KeyFormat.RSA, null), "empty"),
        bad("corrupt PEM body", () -> KeyMaterial.read(corrupt(pkcs8), KeyFormat.PKCS8, TestKeys.pass()), "PEM"),
        bad("certificate as key", () -> KeyMaterial.read(certificate, KeyFormat.PKCS8, null), "certificate, not a private key"),
        bad("certificate as pfx", () -> KeyMaterial.read(certificate, KeyFormat.PFX, TestKeys.pass()), "PEM, not PKCS#12"),
        bad("pfx as pem", () -> KeyMaterial.read(pfx, KeyFormat.RSA, TestKeys.pass()), "informat pfx"),
        bad("wrong passphrase pkcs8", () -> KeyMaterial.read(pkcs8, KeyFormat.PKCS8, wrong), "wrong passphrase"),
        bad("wrong passphrase rsa", () -> KeyMaterial.read(traditional, KeyFormat.RSA, wrong), "wrong passphrase"),
        bad("wrong passphrase pfx", () -> KeyMaterial.read(pfx, KeyFormat.PFX, wrong), "wrong passphrase"),
        bad("encrypted pkcs8 without passphrase", () -> KeyMaterial.read(pkcs8, KeyFormat.PKCS8, null), "passphrase is required"),
        bad("pfx without passphrase", () -> KeyMaterial.read(pfx, KeyFormat.PFX, null), "passphrase is required"),
        bad("write pfx without passphrase", () -> ec.write(KeyFormat.PFX, null, TestKeys.chain(ec, "a"), null), "needs a passphrase"),
        bad("write pfx without chain", () -> ec.write(KeyFormat.PFX, TestKeys.pass(), List.of(), null), "certificate chain"),
        bad("write pfx with another key's leaf", () -> ec.write(KeyFormat.PFX, TestKeys.pass(), TestKeys.chain(rsa, "a"), null),
            "not for this key"),
        bad("write pfx with a non-certificate", () -> ec.write(KeyFormat.PFX, TestKeys.pass(), List.of("hello"), null),
            "not a PEM certificate"),
        bad("empty passphrase", () -> rsa.write(KeyFormat.PKCS8, new char[0], List.of(), null), "must not be empty"),
        bad("RSA 1024", () -> KeyMaterial.generate("RSA", 1024), "unsupported RSA key size 1024: use 2048, 3072 or 4096"),
        bad("DSA 2048", () -> KeyMaterial.generate("DSA", 2048), "unsupported key algorithm: use RSA or EC"),
        bad("EC 521", () -> KeyMaterial.generate("EC", 521), "unsupported EC key size 521"),
        bad("format der", () -> KeyFormat.of("der"), "unknown key format 'der': use pkcs8, rsa, pfx or pkcs12"),
        bad("Ed25519 key", () -> KeyMaterial.read(pem(jdkKey("Ed25519", null)), KeyFormat.PKCS8, null),
            "unsupported key algorithm Ed25519"),
        bad("secp256k1 key", () -> KeyMaterial.read(pem(bcKey()), KeyFormat.PKCS8, null), "unsupported EC curve secp256k1"),
        bad("csr without name", () -> rsa.csrPem(" "), "common name"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void isAKeyFormatExceptionThatEchoesNoSecret(ThrowingCallable call, String message) {
    Throwable thrown = catchThrowable(call);

    assertThat(thrown).isInstanceOf(KeyFormatException.class).hasMessageContaining(message);
    String base64Key = TestKeys.base64Body(TestKeys.rsa2048().write(KeyFormat.PKCS8, null, List.of(), null));
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage()))
          .doesNotContain(TestKeys.PASS)
          .doesNotContain(TestKeys.WRONG)
          .doesNotContain(base64Key.substring(40, 72));
    }
  }

  private static Arguments bad(String name, ThrowingCallable call, String message) {
    return Arguments.of(Named.of(name, call), message);
  }

  private static byte[] corrupt(byte[] pem) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    int body = text.indexOf('\n') + 1;
    return (text.substring(0, body) + "!!!!" + text.substring(body + 4)).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] jdkKey(String algorithm, ECGenParameterSpec spec) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (spec != null) {
      generator.initialize(spec);
    }
    return generator.generateKeyPair().getPrivate().getEncoded();
  }

  /** secp256k1 (dropped by the JDK's SunEC) through BC, which the module registers anyway. */
  private static byte[] bcKey() throws Exception {
    Bc.provider();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Security.getProvider("BC"));
    generator.initialize(new ECGenParameterSpec("secp256k1"));
    return generator.generateKeyPair().getPrivate().getEncoded();
  }

  private static byte[] pem(byte[] pkcs8) {
    return Pem.string("PRIVATE KEY", pkcs8).getBytes(StandardCharsets.US_ASCII);
  }
}
