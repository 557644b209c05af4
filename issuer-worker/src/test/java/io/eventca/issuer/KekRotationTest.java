package io.eventca.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.custody.Custodies;
import io.eventca.custody.CustodySettings;
import io.eventca.custody.KekRing;
import io.eventca.events.Event;
import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.issuer.ca.CaCreator;
import io.eventca.issuer.issue.IssuanceCycle;
import io.eventca.lint.Linter;
import io.eventca.issuer.state.Batch;
import io.eventca.issuer.state.CaState;
import io.eventca.issuer.state.CaStateReader;
import io.eventca.issuer.state.IssuingCa;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KEK rotation against the real broker. Given a CA created under kek-1 ({@link CaUnderKek1}), the worker started
 * with kek-2 current and kek-1 previous has re-wrapped its key and still issues; then, as after the last rollout
 * step, a worker holding kek-2 alone (its classes driven without Quarkus, over a CA state read from the broker)
 * still issues for it.
 */
@QuarkusTest
@QuarkusTestResource(RealKafka.class)
@QuarkusTestResource(CaUnderKek1.class)
class KekRotationTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** kek-2 of application.properties (%test), alone: step 5 of the rotation has dropped kek-1. */
  private static final CustodySettings KEK_2_ONLY =
      CustodySettings.ofKek("kek-2", "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=", List.of());

  @ConfigProperty(name = CaUnderKek1.CA_ID_PROPERTY)
  String caUnderKek1;

  private final String bootstrap = KafkaBroker.bootstrapServers();
  private EventProbe probe;

  @BeforeEach
  void openProbe() {
    probe = new EventProbe(bootstrap);
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }

  @Test
  void givenACaUnderKek1_whenTheWorkerStartsWithKek2AndKek1Previous_thenItsKeyIsRewrappedUnderKek2AndItStillIssues() throws Exception {
    CaId caId = new CaId(caUnderKek1);

    CaKeyStored rewrapped = probe.await(Topic.CA_KEYS, CaKeyStored.class, e -> e.caId().equals(caId) && "kek-2".equals(e.kekId()), WAIT);

    List<CaKeyStored> records = keyRecords(caId);
    assertThat(records).extracting(CaKeyStored::kekId).containsExactly("kek-1", "kek-2");
    assertThat(rewrapped.publicKeySha256()).isEqualTo(records.get(0).publicKeySha256());
    assertThat(rewrapped.wrappedPrivateKey()).isNotEqualTo(records.get(0).wrappedPrivateKey());
    RequestId requestId = RequestId.random();
    probe.publish(request(caId, requestId, "CN=after-rewrap.example.internal"));
    CertificateIssued issued = probe.await(Topic.ISSUANCE, CertificateIssued.class, e -> e.requestId().equals(requestId), WAIT);
    x509(issued.certificatePem()).verify(x509(caCertificatePem(caId)).getPublicKey());
  }

  @Test
  void givenTheRewrappedKey_whenAWorkerHoldsOnlyKek2_thenTheCaStillIssuesAndTheOldRecordIsUseless() throws Exception {
    CaId caId = new CaId(caUnderKek1);
    probe.await(Topic.CA_KEYS, CaKeyStored.class, e -> e.caId().equals(caId) && "kek-2".equals(e.kekId()), WAIT);
    KekRing kek2Only = (KekRing) Custodies.create(KEK_2_ONLY);
    CaState state = new CaState();

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        CaStateReader reader = CaStateReader.start(bootstrap, "kek-2-only-" + caId, admin, state)) {
      assertThat(reader.catchUp(WAIT)).isTrue();
    }
    IssuingCa ca = state.issuingCa(caId).orElseThrow();
    assertThat(ca.key().kekId()).isEqualTo("kek-2");
    assertThat(kek2Only.holds(ca.key())).isTrue();
    Clock clock = Clock.systemUTC();
    IssuanceCycle.CatchUp caughtUp = () -> {};
    RequestHandler handler = new RequestHandler(
        new CaCreator(kek2Only, clock, TestIssuer.CRL_BASE, caughtUp), new IssuanceCycle(kek2Only, new Linter(), TestIssuer.CRL_BASE, clock, caughtUp));

    List<Event> answers = handler.handle(request(caId, RequestId.random(), "CN=kek-2-only.example.internal"), new Batch(state));

    assertThat(answers).singleElement().isInstanceOf(CertificateIssued.class);
    x509(((CertificateIssued) answers.get(0)).certificatePem()).verify(x509(ca.created().certificatePem()).getPublicKey());
    CaKeyStored old = keyRecords(caId).get(0);
    assertThat(kek2Only.holds(old)).isFalse();
    assertThatThrownBy(() -> kek2Only.privateKey(old)).hasMessageContaining("wrapped under KEK kek-1, which this service does not hold");
  }

  private String caCertificatePem(CaId caId) {
    return TopicContents.readAll(bootstrap, Topic.ISSUANCE).stream()
        .filter(e -> e instanceof CaCreated c && c.caId().equals(caId))
        .map(e -> ((CaCreated) e).certificatePem())
        .findFirst().orElseThrow();
  }

  private List<CaKeyStored> keyRecords(CaId caId) {
    return TopicContents.readAll(bootstrap, Topic.CA_KEYS).stream()
        .filter(e -> e instanceof CaKeyStored s && s.caId().equals(caId))
        .map(CaKeyStored.class::cast)
        .toList();
  }

  private static CertificateRequested request(CaId caId, RequestId requestId, String subject) {
    return new CertificateRequested(caId, requestId, Csrs.csrPem(Csrs.ecP256(), subject), "server", 30, "bob", Instant.now(), null);
  }

  private static X509Certificate x509(String pem) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }
}
