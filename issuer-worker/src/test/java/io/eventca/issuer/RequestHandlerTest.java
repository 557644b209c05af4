package io.eventca.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.custody.CaKeyCustody;
import io.eventca.events.Event;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.SubjectName;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.issuer.ca.CaCreator;
import io.eventca.issuer.issue.IssuanceCycle;
import io.eventca.lint.Linter;
import io.eventca.issuer.state.Batch;
import io.eventca.issuer.state.CaState;
import io.eventca.issuer.state.StaleStateException;
import io.eventca.testkit.Csrs;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestHandlerTest {
  private final CaState committed = new CaState();

  private static RequestHandler handler(CaKeyCustody custody, IssuanceCycle.CatchUp catchUp) {
    Clock clock = Clock.systemUTC();
    return new RequestHandler(
        new CaCreator(custody, clock, "http://crl.test", catchUp), new IssuanceCycle(custody, new Linter(), "http://crl.test", clock, catchUp));
  }

  private static CaCreationRequested createCa(CaId caId) {
    return new CaCreationRequested(caId, SubjectName.ofCommonName("Test CA"), KeyAlgorithm.EC, 256, "sha256", 365, "alice", Instant.now());
  }

  private static CertificateRequested requestCertificate(CaId caId, RequestId requestId) {
    return new CertificateRequested(caId, requestId, Csrs.csrPem(Csrs.ecP256(), "CN=h.example"), "server", 30, "bob", Instant.now(), null);
  }

  private static List<Event> handleInto(RequestHandler handler, Batch batch, Event request) {
    List<Event> answers = handler.handle(request, batch);
    answers.forEach(batch::record);
    return answers;
  }

  @Test
  void givenOneBatchWithACaAndItsCertificateRequestedTwice_thenOneKeyOneCaAndOneCertificate() {
    RequestHandler handler = handler(TestCa.CUSTODY, () -> {});
    Batch batch = new Batch(committed);
    CaId caId = CaId.random();
    RequestId requestId = RequestId.random();

    List<Event> created = handleInto(handler, batch, createCa(caId));
    List<Event> createdAgain = handleInto(handler, batch, createCa(caId));
    List<Event> issued = handleInto(handler, batch, requestCertificate(caId, requestId));
    List<Event> issuedAgain = handleInto(handler, batch, requestCertificate(caId, requestId));

    assertThat(created).hasSize(2).hasAtLeastOneElementOfType(CaKeyStored.class).hasAtLeastOneElementOfType(CaCreated.class);
    assertThat(createdAgain).isEmpty();
    assertThat(issued).singleElement().isInstanceOf(CertificateIssued.class);
    assertThat(issuedAgain).isEmpty();
  }

  @Test
  void givenOneBatchWithARootAnIntermediateTwiceAndACertificateOfTheIntermediate_thenTheIntermediateIsCreatedOnceAndIssues() {
    RequestHandler handler = handler(TestCa.CUSTODY, () -> {});
    Batch batch = new Batch(committed);
    CaCreationRequested root = createCa(CaId.random());
    CaCreationRequested intermediate = TestIssuer.intermediateRequest(root.caId(), "Issuing CA", 0, 30);

    handleInto(handler, batch, root);
    List<Event> created = handleInto(handler, batch, intermediate);
    List<Event> createdAgain = handleInto(handler, batch, intermediate);
    List<Event> issued = handleInto(handler, batch, requestCertificate(intermediate.caId(), RequestId.random()));

    assertThat(created).hasSize(2).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CaCreated.class,
        c -> assertThat(c.parentCaId()).isEqualTo(root.caId())));
    assertThat(createdAgain).isEmpty();
    assertThat(issued).singleElement().isInstanceOfSatisfying(CertificateIssued.class,
        c -> assertThat(c.caId()).isEqualTo(intermediate.caId()));
  }

  @Test
  void givenACertificateRequestThatOptsIntoSha1_thenTheOptInAndDigestAreInTheHistory() {
    TestIssuer issuer = new TestIssuer();
    CaCreated root = issuer.root("Legacy Root");
    CertificateRequested request = new CertificateRequested(root.caId(), RequestId.random(), Csrs.csrPem(Csrs.ecP256(), "CN=old.example"),
        "server", 30, "bob", Instant.now(), null, "old.example", null, null, "sha1", true);

    List<Event> answers = issuer.when(request);

    assertThat(answers).singleElement().isInstanceOfSatisfying(CertificateIssued.class, issued -> {
      assertThat(issued.digest()).isEqualTo("sha1");
      assertThat(issued.sha1OptIn()).isTrue();
      assertThat(issued.host()).isEqualTo("old.example");
    });
  }

  @Test
  void givenAnswersCommittedByAnEarlierBatch_thenARedeliveryWritesNothing() {
    RequestHandler handler = handler(TestCa.CUSTODY, () -> {});
    CaId caId = CaId.random();
    RequestId requestId = RequestId.random();
    Batch first = new Batch(committed);
    handleInto(handler, first, createCa(caId));
    handleInto(handler, first, requestCertificate(caId, requestId));
    first.applyCommitted();

    Batch second = new Batch(committed);
    assertThat(handler.handle(createCa(caId), second)).isEmpty();
    assertThat(handler.handle(requestCertificate(caId, requestId), second)).isEmpty();
  }

  @Test
  void givenAnAbortedBatch_thenItsAnswersAreForgotten() {
    RequestHandler handler = handler(TestCa.CUSTODY, () -> {});
    CaId caId = CaId.random();
    handleInto(handler, new Batch(committed), createCa(caId));

    assertThat(handler.handle(createCa(caId), new Batch(committed))).hasSize(2);
  }

  @Test
  void givenCustodyThatCannotReachTheKey_thenTheRequestIsRefusedAndTheDetailSaysCustody() {
    java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean();
    CaKeyCustody broken = new CaKeyCustody() {
      @Override
      public CaKeyStored store(CaId caId, KeyPair keyPair) {
        return TestCa.CUSTODY.store(caId, keyPair);
      }

      @Override
      public PrivateKey privateKey(CaKeyStored stored) {
        if (failing.get()) {
          throw new IllegalStateException("cannot unwrap");
        }
        return TestCa.CUSTODY.privateKey(stored);
      }
    };
    RequestHandler handler = handler(broken, () -> {});
    Batch batch = new Batch(committed);
    CaId caId = CaId.random();
    // The CA's own certificate is signed through custody too: it breaks only once the CA exists.
    handleInto(handler, batch, createCa(caId));
    failing.set(true);

    List<Event> answers = handler.handle(requestCertificate(caId, RequestId.random()), batch);

    // The custody proof (issue 11) finds it before anything is signed: the CA signs nothing, and says why.
    assertThat(answers).singleElement().isInstanceOfSatisfying(CertificateRejected.class, r -> {
      assertThat(r.code()).isEqualTo(ErrorCode.CA_NOT_ACTIVE.code());
      assertThat(r.detail()).contains("custody");
    });
  }

  /**
   * Issue 11, finding 3: a forged CaCreated carrying a foreign self-signed root, with a CaKeyStored whose key custody can
   * use (another CA's), becomes no CA that signs: the key custody holds is not the certificate's.
   */
  @Test
  void givenAForgedCaCreatedWithAForeignRoot_thenItSignsNothing() {
    TestCa genuine = TestCa.ecP256();
    TestCa foreign = TestCa.ecP256();
    CaId forgedId = CaId.random();
    CaCreated forged = new CaCreated(forgedId, foreign.created.subjectDn(), foreign.created.serialNumber(), foreign.created.notBefore(),
        foreign.created.notAfter(), KeyAlgorithm.EC, 256, "sha256", foreign.created.certificatePem(), null, null, null);
    // The key record of another CA, stored again under the forged id: custody can use it, but it is not the root's key.
    committed.apply(TestCa.CUSTODY.store(forgedId, genuine.keys));
    committed.apply(forged);

    List<Event> answers = handler(TestCa.CUSTODY, () -> {}).handle(requestCertificate(forgedId, RequestId.random()), new Batch(committed));

    assertThat(answers).singleElement().isInstanceOfSatisfying(CertificateRejected.class, r -> {
      assertThat(r.code()).isEqualTo(ErrorCode.CA_NOT_ACTIVE.code());
      assertThat(r.detail()).contains("not its certificate's key");
    });
  }

  /** An intermediate whose certificate its named parent did not sign (here: a parent nobody knows) signs nothing either. */
  @Test
  void givenAnIntermediateItsParentDidNotSign_thenItSignsNothing() {
    TestCa genuine = TestCa.ecP256();
    TestCa other = TestCa.ecP256();
    CaId forgedId = CaId.random();
    committed.apply(TestCa.CUSTODY.store(forgedId, genuine.keys));
    committed.apply(new CaCreated(forgedId, other.created.subjectDn(), other.created.serialNumber(), other.created.notBefore(),
        other.created.notAfter(), KeyAlgorithm.EC, 256, "sha256", other.created.certificatePem(), CaId.random(), null, null));

    List<Event> answers = handler(TestCa.CUSTODY, () -> {}).handle(requestCertificate(forgedId, RequestId.random()), new Batch(committed));

    assertThat(answers).singleElement().isInstanceOfSatisfying(CertificateRejected.class, r ->
        assertThat(r.detail()).contains("does not verify with its parent CA's certificate"));
  }

  /** A second CaCreated for a CA (the issuer writes one) cannot swap its certificate. */
  @Test
  void givenASecondCaCreatedForACa_thenTheFirstStands() {
    TestCa genuine = TestCa.ecP256();
    TestCa foreign = TestCa.ecP256();
    committed.apply(genuine.stored);
    committed.apply(genuine.created);
    committed.apply(new CaCreated(genuine.caId(), foreign.created.subjectDn(), foreign.created.serialNumber(), foreign.created.notBefore(),
        foreign.created.notAfter(), KeyAlgorithm.EC, 256, "sha256", foreign.created.certificatePem(), null, null, null));

    assertThat(committed.issuingCa(genuine.caId()).orElseThrow().created().serialNumber()).isEqualTo(genuine.created.serialNumber());
    assertThat(handler(TestCa.CUSTODY, () -> {}).handle(requestCertificate(genuine.caId(), RequestId.random()), new Batch(committed)))
        .singleElement().isInstanceOf(io.eventca.events.cert.CertificateIssued.class);
  }

  @Test
  void givenAStateThatCannotCatchUp_thenTheBatchIsRetriedNotAnswered() {
    RequestHandler handler = handler(TestCa.CUSTODY, () -> {
      throw new StaleStateException("broker away");
    });

    assertThatThrownBy(() -> handler.handle(requestCertificate(CaId.random(), RequestId.random()), new Batch(committed)))
        .isInstanceOf(StaleStateException.class);
  }

  @Test
  void givenAStateThatCannotCatchUp_whenAnIntermediateNamesAParentNotYetSeen_thenTheBatchIsRetriedNotAnswered() {
    RequestHandler handler = handler(TestCa.CUSTODY, () -> {
      throw new StaleStateException("broker away");
    });

    assertThatThrownBy(() -> handler.handle(TestIssuer.intermediateRequest(CaId.random(), "Issuing CA", null, 30), new Batch(committed)))
        .isInstanceOf(StaleStateException.class);
  }
}
