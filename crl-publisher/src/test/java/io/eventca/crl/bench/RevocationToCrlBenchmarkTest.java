package io.eventca.crl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.crl.bench.RevocationToCrlBenchmark.Measured;
import io.eventca.crl.bench.RevocationToCrlBenchmark.Mode;
import io.eventca.crl.bench.RevocationToCrlBenchmark.Result;
import io.eventca.crl.bench.RevocationToCrlBenchmark.Settings;
import io.eventca.events.crl.CrlPublished;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness measures what it claims to: each measured revocation is in the CRL it stops the clock at, delta mode
 * answers with delta CRLs and full mode with full ones. Timings are printed by the harness, never asserted.
 *
 * <p>It runs on a broker of its own: the shared test broker may also serve the Quarkus crl-publisher of this test
 * JVM, which would then own some CAs' partitions and publish their CRLs with its own settings.
 */
class RevocationToCrlBenchmarkTest {
  private static final int REVOKED = 200;
  private static final int REVOCATIONS = 2;

  private static KafkaClusterTestKit broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = new KafkaClusterTestKit.Builder(
            new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "4")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("transaction.state.log.num.partitions", "4")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .setConfigProp("auto.create.topics.enable", "false")
        .build();
    broker.format();
    broker.startup();
    broker.waitForReadyBrokers();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void deltaModeListsEachRevocationInADeltaCrl() throws Exception {
    // 200 entries are a small CA under the default deltaFrom; lower the threshold so the smoke run takes the delta path.
    Result result = run(Settings.of(Mode.DELTA, REVOKED, REVOCATIONS).withDeltaFrom(REVOKED / 2));

    assertSteadyStart(result);
    assertEachListed(result);
    assertThat(result.afterSetUp()).as("CRLs after set-up").isNotEmpty().allMatch(CrlPublished::isDelta);
    for (int i = 0; i < REVOCATIONS; i++) {
      CrlPublished crl = result.measured().get(i).crl();
      assertThat(crl.baseCrlNumber()).isEqualTo(result.firstFull().crlNumber());
      // The set-up revocations are older than the delta window, so a delta lists only the measured ones so far.
      assertThat(crl.revokedCount()).isEqualTo(i + 1);
    }
  }

  @Test
  void fullModeListsEachRevocationInAFullCrlOfEveryEntry() throws Exception {
    Result result = run(Settings.of(Mode.FULL, REVOKED, REVOCATIONS));

    assertSteadyStart(result);
    assertEachListed(result);
    for (int i = 0; i < REVOCATIONS; i++) {
      CrlPublished crl = result.measured().get(i).crl();
      assertThat(crl.isDelta()).as("revocation %d answered by a full CRL", i + 1).isFalse();
      assertThat(crl.revokedCount()).isEqualTo(REVOKED + i + 1);
    }
    assertThat(result.afterSetUp().stream().filter(c -> !c.isDelta())).hasSize(REVOCATIONS);
  }

  private static Result run(Settings settings) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Result result;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      result = RevocationToCrlBenchmark.run(broker.bootstrapServers(), settings, out);
      RevocationToCrlBenchmark.summary(result, out);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("batch-delay=PT0.1S", "retained heap with 200 revoked", "RESULT ");
    return result;
  }

  private static X509CRL parse(CrlPublished event) throws Exception {
    assertThat(event.crlPem()).as("a CRL of %d entries travels whole", REVOKED).isNotNull();
    return (X509CRL) CertificateFactory.getInstance("X.509")
        .generateCRL(new ByteArrayInputStream(event.crlPem().getBytes(StandardCharsets.US_ASCII)));
  }

  private static void assertSteadyStart(Result result) {
    assertThat(result.firstFull().isDelta()).isFalse();
    assertThat(result.firstFull().revokedCount()).isEqualTo(REVOKED);
    assertThat(result.feedRecordsAtStart()).as("the node announced nothing already on the feed").isZero();
  }

  private static void assertEachListed(Result result) throws Exception {
    assertThat(result.measured()).hasSize(REVOCATIONS);
    for (Measured m : result.measured()) {
      // Decoded again with the JDK's parser, not the harness's own walk over the DER.
      X509CRL crl = parse(m.crl());
      assertThat(crl.getRevokedCertificate(m.serial().toBigInteger())).as("serial %s in CRL %d", m.serial(), m.crl().crlNumber())
          .isNotNull();
      assertThat(crl.getRevokedCertificates()).hasSize(m.crl().revokedCount());
      assertThat(m.entriesDecoded()).as("entries the harness counted in CRL %d", m.crl().crlNumber())
          .isEqualTo(m.crl().revokedCount());
    }
    assertThat(result.measured().stream().map(Measured::serial).distinct()).hasSize(REVOCATIONS);
  }
}
