package io.eventca.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.envelope.Json;
import io.eventca.events.ids.CaId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pkcs11Custody against a real SoftHSM2 token made for this test. SoftHSM2 reads SOFTHSM2_CONF once per JVM, so all
 * PKCS#11 tests live in this class and share the token; the Maven build points SOFTHSM2_CONF at a file this class
 * writes before the library is first loaded.
 */
class Pkcs11CustodyTest {
  private static final String TOKEN = "eventca-test";
  private static final String OTHER_TOKEN = "eventca-other";
  private static final char[] PIN = "4711-test".toCharArray();

  @TempDir static Path tokens;
  private static Pkcs11Custody custody;

  @BeforeAll
  static void softHsmToken() throws Exception {
    if (!Files.isReadable(Pkcs11Custody.DEFAULT_LIBRARY) || !onPath("softhsm2-util")) {
      throw new AssertionError(
          "SoftHSM2 is not installed (no " + Pkcs11Custody.DEFAULT_LIBRARY + " or softhsm2-util): run `apt-get install softhsm2`"
              + " (.ci/run installs it)");
    }
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null) {
      throw new AssertionError("SOFTHSM2_CONF is not set: run this test through Maven, custody/pom.xml sets it");
    }
    Files.createDirectories(Path.of(conf).getParent());
    Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    initToken(OTHER_TOKEN);
    initToken(TOKEN);
    custody = new Pkcs11Custody(Pkcs11Custody.DEFAULT_LIBRARY, TOKEN, PIN.clone());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"RSA, 2048, sha256", "EC, 256, sha256", "EC, 384, sha384"})
  void aKeyGeneratedInTheTokenSignsACertificateThatItsPublicKeyVerifies(KeyAlgorithm algorithm, int keySize, String digest)
      throws Exception {
    CaId caId = CaId.random();
    GeneratedKey key = custody.generate(caId, algorithm, keySize);

    X509Certificate certificate = SelfSigned.certify("CN=Token CA", key.publicKey(), custody.signer(key.stored(), digest));

    SelfSigned.verify(certificate, key.publicKey());
    assertThat(SoftwareKeys.keySize(key.publicKey())).isEqualTo(keySize);
    CaKeyStored stored = key.stored();
    assertThat(stored.custody()).isEqualTo(CaKeyStored.Custody.pkcs11);
    assertThat(stored.tokenLabel()).isEqualTo(TOKEN);
    assertThat(stored.keyLabel()).isEqualTo("eventca-ca-" + caId.value());
    assertThat(stored.kekId()).isNull();
    assertThat(stored.wrappedPrivateKey()).isNull();
    assertThat(stored.publicKeySha256()).isEqualTo(SoftwareKeys.sha256(key.publicKey()));
  }

  @Test
  void thePrivateKeyCannotLeaveTheToken() throws Exception {
    CaKeyStored stored = custody.generate(CaId.random(), KeyAlgorithm.RSA, 2048).stored();
    PrivateKey key = custody.privateKey(stored);

    assertThat(key.getEncoded()).isNull();
    // SunPKCS11 reads CKA_TOKEN, CKA_SENSITIVE and CKA_EXTRACTABLE from the token when it loads a key, and prints them
    assertThat(key.toString()).contains("token object", "sensitive", "unextractable").doesNotContain("not sensitive");
    assertThatThrownBy(() -> KeyFactory.getInstance("RSA", custody.provider()).getKeySpec(key, PKCS8EncodedKeySpec.class))
        .isInstanceOf(InvalidKeySpecException.class);
  }

  @Test
  void theEventNamesTheKeyAndCarriesNothingElse() throws Exception {
    CaKeyStored stored = custody.generate(CaId.random(), KeyAlgorithm.EC, 256).stored();
    JsonNode data = Json.MAPPER.readTree(new EventCodec("test").encode(stored)).get("data");

    assertThat(data.properties().stream().map(java.util.Map.Entry::getKey))
        .containsExactly("caId", "keyAlgorithm", "publicKeySha256", "custody", "tokenLabel", "keyLabel");
  }

  @Test
  void aSecondCustodyOnTheSameTokenFindsTheKeyFromTheEventAlone() throws Exception {
    GeneratedKey key = custody.generate(CaId.random(), KeyAlgorithm.RSA, 2048);
    CaKeyStored decoded = EventCodec.decode(null, new EventCodec("test").encode(key.stored())).payloadAs(CaKeyStored.class);

    Pkcs11Custody second = new Pkcs11Custody(Pkcs11Custody.DEFAULT_LIBRARY, TOKEN, PIN.clone());

    assertThat(second.provider()).isNotSameAs(custody.provider());
    assertThat(second.holds(decoded)).isTrue();
    assertThat(second.privateKey(decoded).toString()).startsWith(second.provider().getName()).contains("token object", "unextractable");
    SelfSigned.verify(SelfSigned.certify("CN=Found again", key.publicKey(), second.signer(decoded, "sha512")), key.publicKey());
  }

  @Test
  void aRetriedGenerationForTheSameCaReturnsTheKeyTheFirstAttemptMade() {
    CaId caId = CaId.random();
    GeneratedKey first = custody.generate(caId, KeyAlgorithm.EC, 256);

    assertThat(custody.generate(caId, KeyAlgorithm.EC, 256).stored()).isEqualTo(first.stored());
    assertThatThrownBy(() -> custody.generate(caId, KeyAlgorithm.RSA, 2048))
        .hasMessageContaining("already holds a EC 256 key for CA " + caId + ", not the RSA 2048 asked for");
  }

  @Test
  void keysMadeOutsideTheTokenAreRefused() {
    assertThatThrownBy(() -> custody.store(CaId.random(), SoftwareKeys.generate(KeyAlgorithm.EC, 256)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("generate()");
  }

  @Test
  void holdsOnlyItsOwnTokensKeys() {
    CaKeyStored mine = custody.generate(CaId.random(), KeyAlgorithm.EC, 256).stored();
    CaKeyStored otherToken =
        CaKeyStored.inToken(mine.caId(), mine.keyAlgorithm(), mine.publicKeySha256(), OTHER_TOKEN, mine.keyLabel());
    CaKeyStored neverGenerated = CaKeyStored.inToken(CaId.random(), KeyAlgorithm.EC, mine.publicKeySha256(), TOKEN, "eventca-ca-none");
    CaKeyStored wrapped = new KekWrappedCustody("kek-1", new byte[32]).generate(CaId.random(), KeyAlgorithm.EC, 256).stored();

    assertThat(custody.holds(mine)).isTrue();
    assertThat(custody.holds(otherToken)).isFalse();
    assertThat(custody.holds(neverGenerated)).isFalse();
    assertThat(custody.holds(wrapped)).isFalse();
    assertThatThrownBy(() -> custody.privateKey(otherToken)).hasMessageContaining("is in PKCS#11 token eventca-other, this service uses token eventca-test");
    assertThatThrownBy(() -> custody.privateKey(neverGenerated)).hasMessageContaining("has no private key eventca-ca-none");
    assertThatThrownBy(() -> custody.privateKey(wrapped)).hasMessageContaining("wrapped under KEK kek-1, not in a PKCS#11 token");
  }

  @Test
  void aRecordWhosePublicKeyHashIsNotTheTokenKeysIsRefused() {
    CaKeyStored mine = custody.generate(CaId.random(), KeyAlgorithm.EC, 256).stored();
    CaKeyStored altered = CaKeyStored.inToken(mine.caId(), mine.keyAlgorithm(), "00".repeat(32), TOKEN, mine.keyLabel());

    assertThatThrownBy(() -> custody.signer(altered, "sha256")).hasMessageContaining("is not the key recorded for CA " + mine.caId());
  }

  @Test
  void anUnknownTokenLabelIsNamedInTheError() {
    assertThatThrownBy(() -> new Pkcs11Custody(Pkcs11Custody.DEFAULT_LIBRARY, "no-such-token", PIN.clone()))
        .hasMessageContaining("has no token labelled no-such-token")
        .hasMessageContaining(TOKEN);
  }

  private static void initToken(String label) throws Exception {
    Process process =
        new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", new String(PIN), "--so-pin", "so-4711")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("softhsm2-util finished").isTrue();
    assertThat(process.exitValue()).as("softhsm2-util --init-token: " + output).isZero();
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
