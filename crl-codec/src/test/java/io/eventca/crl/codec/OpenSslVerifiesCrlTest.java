package io.eventca.crl.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A third, unrelated implementation: openssl 3 parses the CRL and checks its signature against the CA. */
class OpenSslVerifiesCrlTest {
  @TempDir Path dir;

  @BeforeAll
  static void needsOpenssl() {
    // The build machines have openssl 3; a workstation without it skips rather than fails for want of a tool.
    assumeTrue(run(List.of("openssl", "version")) == 0, "openssl is not on the PATH");
  }

  @ParameterizedTest
  @CsvSource({"rsa,", "rsa,4", "ec,", "ec,4"})
  void opensslSaysVerifyOk(String type, Long deltaBase) throws Exception {
    TestCa ca = type.equals("rsa") ? TestCa.rsa() : TestCa.ec();
    // openssl checks thisUpdate/nextUpdate against the clock only with -verify in chains; stay current anyway.
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    CrlEntries entries = new CrlEntries();
    Revocation.random(200, 5, now).forEach(r -> r.addTo(entries));
    entries.add(new BigInteger("0abcdef0123456789", 16), now, 1, now.minusSeconds(86_400));
    byte[] der = CrlEncoder.encode(
        new CrlEncoder.Header(ca.name(), ca.keyId(), 5, deltaBase, now, now.plusSeconds(86_400), List.of()),
        entries, ca.signer());
    Path crl = Files.write(dir.resolve("crl.der"), der);
    Path caPem = Files.writeString(dir.resolve("ca.pem"), ca.pem());
    Path out = dir.resolve("out.txt");

    Process p = new ProcessBuilder("openssl", "crl", "-inform", "DER", "-in", crl.toString(), "-CAfile",
        caPem.toString(), "-noout", "-text").redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = Files.readString(out, StandardCharsets.UTF_8);

    assertThat(p.exitValue()).as(text).isZero();
    assertThat(text).contains("verify OK");
    assertThat(text).contains("Serial Number: ABCDEF0123456789").contains("Key Compromise");
    assertThat(text.split("Serial Number: ", -1)).hasSize(entries.size() + 1);
    if (deltaBase != null) {
      assertThat(text).contains("Delta CRL Indicator: critical");
    }
  }

  private static int run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor();
    } catch (Exception e) {
      return -1;
    }
  }
}
