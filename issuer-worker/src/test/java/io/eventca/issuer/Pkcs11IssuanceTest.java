package io.eventca.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.custody.CaKeyCustody;
import io.eventca.custody.Custodies;
import io.eventca.custody.CustodySettings;
import io.eventca.custody.Pkcs11Custody;
import io.eventca.events.Event;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.SubjectName;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.ids.CaId;
import io.eventca.testkit.Csrs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CA keys in a real SoftHSM2 token made for this test, through the worker's own request handler (no Quarkus, no
 * broker: what is under test is that every signature of a CA and of a leaf happens in the token). SoftHSM2 reads
 * SOFTHSM2_CONF once per JVM, so this is the only class of the module that loads it; the pom points SOFTHSM2_CONF
 * at the file written here and gives the JVM the --add-exports that Pkcs11Custody needs.
 */
class Pkcs11IssuanceTest {
  private static final String TOKEN = "eventca-issuer-test";
  private static final String PIN = "2718-test";

  @TempDir static Path tokens;
  @TempDir Path files;
  private static CaKeyCustody custody;

  @BeforeAll
  static void softHsmToken() throws Exception {
    if (!Files.isReadable(Pkcs11Custody.DEFAULT_LIBRARY)) {
      throw new AssertionError("SoftHSM2 is not installed (no " + Pkcs11Custody.DEFAULT_LIBRARY + "): run `apt-get install softhsm2`"
          + " (.ci/run installs it)");
    }
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null) {
      throw new AssertionError("SOFTHSM2_CONF is not set: run this test through Maven, issuer-worker/pom.xml sets it");
    }
    Files.createDirectories(Path.of(conf).getParent());
    Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    run("softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "so-2718");
    custody = Custodies.create(CustodySettings.ofPkcs11(Pkcs11Custody.DEFAULT_LIBRARY, TOKEN, PIN));
  }

  @Test
  void givenCustodyTypePkcs11_whenARootAndAnIntermediateAreCreatedAndALeafIssued_thenOpensslVerifiesTheChainSignedInTheToken()
      throws Exception {
    TestIssuer issuer = new TestIssuer(Clock.systemUTC(), custody);

    List<Event> root = issuer.when(request(null, "Token Root CA", KeyAlgorithm.RSA, 2048));
    CaCreated rootCa = created(root);
    List<Event> intermediate = issuer.when(request(rootCa.caId(), "Token Issuing CA", KeyAlgorithm.EC, 256));
    CaCreated issuingCa = created(intermediate);
    CertificateIssued leaf = issuer.issue(TestIssuer.certificateRequest(issuingCa.caId(),
        Csrs.csrPem(Csrs.ecP256(), "CN=token-signed.example.internal"), "server", "token-signed.example.internal", null, null));

    for (CaKeyStored stored : List.of(stored(root), stored(intermediate))) {
      assertThat(stored.custody()).isEqualTo(CaKeyStored.Custody.pkcs11);
      assertThat(stored.tokenLabel()).isEqualTo(TOKEN);
      assertThat(stored.kekId()).isNull();
      assertThat(stored.wrappedPrivateKey()).as("no wrapped copy of a token key exists").isNull();
      assertThat(custody.privateKey(stored).getEncoded()).as("the token does not hand out the key").isNull();
    }
    Path rootPem = write("root.pem", rootCa.certificatePem());
    Path issuingPem = write("issuing.pem", issuingCa.certificatePem());
    Path leafPem = write("leaf.pem", leaf.certificatePem());
    assertThat(run("openssl", "verify", "-x509_strict", "-CAfile", rootPem.toString(), "-untrusted", issuingPem.toString(), leafPem.toString()))
        .contains(leafPem + ": OK");
  }

  private static CaCreationRequested request(CaId parent, String commonName, KeyAlgorithm algorithm, int keySize) {
    return new CaCreationRequested(CaId.random(), new SubjectName(commonName, null, null, "Example", null, null, "US"),
        algorithm, keySize, "sha256", parent == null ? 3650 : 365, "alice", Instant.now(), parent, null, null);
  }

  private static CaCreated created(List<Event> answers) {
    return answers.stream().filter(CaCreated.class::isInstance).map(CaCreated.class::cast).findFirst()
        .orElseThrow(() -> new AssertionError("expected a created CA, got " + answers));
  }

  private static CaKeyStored stored(List<Event> answers) {
    return answers.stream().filter(CaKeyStored.class::isInstance).map(CaKeyStored.class::cast).findFirst().orElseThrow();
  }

  private Path write(String name, String pem) throws Exception {
    return Files.writeString(files.resolve(name), pem);
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    return output;
  }
}
