package io.eventca.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertPrivKeyTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
  private final List<String> prompts = new ArrayList<>();
  private final List<char[]> typed = new ArrayList<>();

  @BeforeEach
  void rsaKeyFile() {
    Tools.write(dir, "in.pem", TestKeys.rsa2048().write(KeyFormat.RSA, null, List.of(), null));
  }

  @Test
  void defaultsAreRsaInPkcs8OutWrittenOwnerOnly() throws IOException {
    int exit = run(Map.of(), "-in", path("in.pem"), "-out", path("out.pem"));

    assertThat(exit).as(err()).isZero();
    assertThat(err()).isEmpty();
    assertThat(Tools.text(dir.resolve("out.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Tools.opensslPublicKey(dir, dir.resolve("out.pem"), "pass:")).isEqualTo(TestKeys.publicKeyDer(TestKeys.rsa2048()));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out.pem")))).isEqualTo("rw-------");
  }

  @Test
  void replacesAnExistingWorldReadableOutputWithAnOwnerOnlyOne() throws IOException {
    Path out = Tools.write(dir, "out.pem", "old");
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(run(Map.of(), "-in", path("in.pem"), "-out", path("out.pem"))).as(err()).isZero();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
    assertThat(Tools.text(out)).startsWith("-----BEGIN PRIVATE KEY-----");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("in.pem", "out.pem");
    }
  }

  @Test
  void encryptTakesTheOutputPassphraseFromTheEnvironment() {
    int exit = run(Map.of(ConvertPrivKey.OUT_PASSPHRASE, "out pass"),
        "-in", path("in.pem"), "-out", path("out.pem"), "-outformat", "rsa", "-encrypt");

    assertThat(exit).as(err()).isZero();
    assertThat(Tools.text(dir.resolve("out.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED");
    assertThat(Tools.opensslPublicKey(dir, dir.resolve("out.pem"), "pass:out pass")).isEqualTo(TestKeys.publicKeyDer(TestKeys.rsa2048()));
    assertThat(prompts).isEmpty();
  }

  @Test
  void encryptedPfxInputWithPassphrasesFromTheEnvironment() {
    KeyMaterial key = TestKeys.ec256();
    Tools.write(dir, "in.pfx", key.write(KeyFormat.PFX, TestKeys.pass(), TestKeys.chain(key, "alice"), "alice"));

    int exit = run(Map.of(ConvertPrivKey.IN_PASSPHRASE, TestKeys.PASS, ConvertPrivKey.OUT_PASSPHRASE, "out pass"),
        "-in", path("in.pfx"), "-out", path("out.pem"), "-informat", "PKCS12", "-encrypt");

    assertThat(exit).as(err()).isZero();
    assertThat(Tools.text(dir.resolve("out.pem"))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    assertThat(Tools.opensslPublicKey(dir, dir.resolve("out.pem"), "pass:out pass")).isEqualTo(TestKeys.publicKeyDer(key));
  }

  @Test
  void asksForMissingPassphrasesWhenSomeoneCanAnswer() {
    Tools.write(dir, "in.pem", TestKeys.rsa2048().write(KeyFormat.PKCS8, TestKeys.pass(), List.of(), null));
    typed.addAll(List.of(TestKeys.pass(), "out pass".toCharArray(), "out pass".toCharArray()));

    int exit = run(Map.of(), "-in", path("in.pem"), "-out", path("out.pem"), "-informat", "pkcs8", "-encrypt");

    assertThat(exit).as(err()).isZero();
    assertThat(prompts).hasSize(3).allMatch(p -> p.contains("pass phrase"));
    assertThat(Tools.opensslPublicKey(dir, dir.resolve("out.pem"), "pass:out pass")).isEqualTo(TestKeys.publicKeyDer(TestKeys.rsa2048()));
  }

  @Test
  void encryptedInputWithoutPassphraseOrConsoleFails() {
    Tools.write(dir, "in.pem", TestKeys.rsa2048().write(KeyFormat.RSA, TestKeys.pass(), List.of(), null));

    assertThat(run(Map.of(), "-in", path("in.pem"), "-out", path("out.pem"))).isEqualTo(2);

    assertThat(err()).contains("passphrase is required").contains(ConvertPrivKey.IN_PASSPHRASE);
    assertThat(dir.resolve("out.pem")).doesNotExist();
  }

  @Test
  void wrongPassphraseIsExit2WithoutEchoingIt() {
    Tools.write(dir, "in.pem", TestKeys.rsa2048().write(KeyFormat.RSA, TestKeys.pass(), List.of(), null));

    assertThat(run(Map.of(ConvertPrivKey.IN_PASSPHRASE, TestKeys.WRONG), "-in", path("in.pem"), "-out", path("out.pem")))
        .isEqualTo(2);

    assertThat(err()).contains("wrong passphrase").doesNotContain(TestKeys.WRONG).doesNotContain(TestKeys.PASS);
  }

  @Test
  void encryptWithoutPassphraseOrConsoleFails() {
    assertThat(run(Map.of(), "-in", path("in.pem"), "-out", path("out.pem"), "-encrypt")).isEqualTo(2);

    assertThat(err()).contains(ConvertPrivKey.OUT_PASSPHRASE);
    assertThat(dir.resolve("out.pem")).doesNotExist();
  }

  @Test
  void badUsageIsExit2WithOneLine() {
    assertUsageError(new String[] {"-out", path("out.pem")}, "missing -in");
    assertUsageError(new String[] {"-in", path("in.pem")}, "missing -out");
    assertUsageError(new String[] {"-in", path("in.pem"), "-out", path("o"), "-informat", "der"},
        "-informat: unknown key format 'der': use pkcs8, rsa, pfx or pkcs12");
    assertUsageError(new String[] {"-in", path("in.pem"), "-out", path("o"), "-outformat", "pfx"}, "-outformat must be pkcs8 or rsa");
    assertUsageError(new String[] {"-in", path("in.pem"), "-out", path("o"), "-passin", "pass:x"}, "unknown option -passin");
    assertUsageError(new String[] {"-in"}, "-in needs a value");
  }

  @Test
  void missingInputFileIsExit2() {
    assertThat(run(Map.of(), "-in", path("nope.pem"), "-out", path("out.pem"))).isEqualTo(2);

    assertThat(err()).contains("cannot read").contains("no such file");
  }

  /** main() itself, as the brief's command line runs it: real exit codes from a real JVM. */
  @Test
  void mainExitsWithTheStatusOfRun() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), ConvertPrivKey.class.getName(),
        "-in", path("in.pem"), "-out", path("out.pem"), "-encrypt");

    Tools.Result ok = Tools.run(dir, command, Map.of(ConvertPrivKey.OUT_PASSPHRASE, "out pass")).ok();
    assertThat(ok.output()).isEmpty();
    assertThat(Tools.opensslPublicKey(dir, dir.resolve("out.pem"), "pass:out pass")).isEqualTo(TestKeys.publicKeyDer(TestKeys.rsa2048()));

    List<String> bad = new ArrayList<>(command.subList(0, 4));
    bad.addAll(List.of("-informat", "der"));
    Tools.Result usage = Tools.run(dir, bad, Map.of());
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.output().strip()).doesNotContain("\n").contains("pkcs8, rsa, pfx or pkcs12");
  }

  private void assertUsageError(String[] args, String message) {
    errBytes.reset();
    assertThat(run(Map.of(), args)).as(err()).isEqualTo(2);
    assertThat(err()).contains(message).contains(ConvertPrivKey.USAGE);
    assertThat(err().strip()).doesNotContain("\n");
  }

  private int run(Map<String, String> env, String... args) {
    return ConvertPrivKey.run(args, env, err, prompt -> {
      prompts.add(prompt);
      return typed.isEmpty() ? null : typed.remove(0);
    });
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }
}
