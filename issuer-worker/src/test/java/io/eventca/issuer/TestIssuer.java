package io.eventca.issuer;

import io.eventca.custody.CaKeyCustody;
import io.eventca.events.Event;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.SubjectName;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.issuer.ca.CaCreator;
import io.eventca.issuer.issue.IssuanceCycle;
import io.eventca.lint.Linter;
import io.eventca.issuer.state.Batch;
import io.eventca.issuer.state.CaState;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

/**
 * The worker without Kafka, for given-events / when-command / then-events tests: the production
 * {@link RequestHandler} over an in-memory {@link CaState}. Every answer commits at once, as after a batch.
 */
public final class TestIssuer {
  public static final String CRL_BASE = "http://crl.test:8082";

  public final CaState state = new CaState();
  public final AtomicInteger catchUps = new AtomicInteger();
  private final RequestHandler handler;

  public TestIssuer(Clock clock) {
    this(clock, TestCa.CUSTODY);
  }

  public TestIssuer(Clock clock, CaKeyCustody custody) {
    IssuanceCycle.CatchUp catchUp = catchUps::incrementAndGet;
    handler = new RequestHandler(
        new CaCreator(custody, clock, CRL_BASE, catchUp),
        new IssuanceCycle(custody, new Linter(), CRL_BASE, clock, catchUp));
  }

  public TestIssuer() {
    this(Clock.systemUTC());
  }

  /** Facts already in the log. */
  public TestIssuer given(Event... events) {
    Arrays.stream(events).forEach(state::apply);
    return this;
  }

  /** One request handled in one batch that commits. */
  public List<Event> when(Event request) {
    Batch batch = new Batch(state);
    List<Event> answers = handler.handle(request, batch);
    answers.forEach(batch::record);
    batch.applyCommitted();
    return answers;
  }

  public CaCreated root(String commonName) {
    return created(when(rootRequest(commonName)));
  }

  public CaCreated intermediate(CaId parent, String commonName, Integer pathLength) {
    return created(when(intermediateRequest(parent, commonName, pathLength, 365)));
  }

  public CertificateIssued issue(CertificateRequested request) {
    List<Event> answers = when(request);
    if (!(answers.get(0) instanceof CertificateIssued issued)) {
      throw new AssertionError("expected an issued certificate, got " + answers);
    }
    return issued;
  }

  public static CaCreationRequested rootRequest(String commonName) {
    return new CaCreationRequested(CaId.random(), new SubjectName(commonName, null, null, "Example", null, null, "US"),
        KeyAlgorithm.EC, 256, "sha256", 3650, "alice", Instant.now());
  }

  public static CaCreationRequested intermediateRequest(CaId parent, String commonName, Integer pathLength, int days) {
    return new CaCreationRequested(CaId.random(), new SubjectName(commonName, null, null, "Example", null, null, "US"),
        KeyAlgorithm.EC, 256, "sha256", days, "alice", Instant.now(), parent, pathLength, null);
  }

  /** A create_cert.sh style request: host, subject and extra names from the request, key from the CSR. */
  public static CertificateRequested certificateRequest(
      CaId caId, String csrPem, String profile, String host, SubjectName subject, List<String> subjectAltNames) {
    return new CertificateRequested(caId, RequestId.random(), csrPem, profile, 30, "bob", Instant.now(), null, host, subject,
        subjectAltNames, null, null);
  }

  public static X509CertificateHolder parse(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      return (X509CertificateHolder) parser.readObject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static CaCreated created(List<Event> answers) {
    return answers.stream().filter(CaCreated.class::isInstance).map(CaCreated.class::cast).findFirst()
        .orElseThrow(() -> new AssertionError("expected a created CA, got " + answers));
  }
}
