package io.eventca.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventca.checks.subject.Subjects;
import io.eventca.events.Event;
import io.eventca.events.Topic;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.envelope.Json;
import io.eventca.events.fleet.CertificateDelivered;
import io.eventca.events.fleet.RequestSignature;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.service.KafkaClients;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.HostileRequests;
import io.eventca.testkit.KafkaBroker;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Issue 11, the class of findings 2 and 3: whatever the issuer signs, every other part of eventca can keep and serve.
 * Both hostile-input catalogues (Kafka and HTTP) and a set of subjects at every upper bound (with every character the
 * renderer escapes) go through the packaged services; then every certificate the log says was issued for the run's CA
 * must be found by serial and in the history with the subject its own bytes carry, revoked through the API, and
 * answered "revoked" by OCSP. Before, a certificate with an O of 1,100 characters or a NUL was signed and delivered but
 * could be neither found nor revoked, and OCSP said good forever.
 */
final class HostilePipeline {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private final HttpClient http = HttpClient.newHttpClient();
  private final String caUrl;
  private final String crlUrl;
  private final String adminToken;
  private final String requesterToken;
  private final Path root;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  HostilePipeline(String caUrl, String crlUrl, String adminToken, String requesterToken, Path root) {
    this.caUrl = caUrl;
    this.crlUrl = crlUrl;
    this.adminToken = adminToken;
    this.requesterToken = requesterToken;
    this.root = root;
  }

  /** The requester the catalogue's asRequester rows (and the REST requester token) are held to. */
  static final String REQUESTER = "hostile-svc";

  /** @return how many certificates were issued, found, revoked and answered revoked */
  int run() throws Exception {
    // Given a CA with fixed organisation fields, and a requester allowed any value of every attribute but the names.
    String caId = post(adminToken, "/api/v1/cas", Map.of("commonName", "Hostile Pipeline CA", "organization", "Example Corp",
        "country", "US", "keyAlgorithm", "EC", "keySize", 256), true).path("caId").asText();
    KeyPair requesterKey = Csrs.ecP256();
    Map<String, Object> wide = new LinkedHashMap<>();
    for (String field : List.of("country", "organization", "organizationalUnit", "locality", "state", "domainComponent", "serialNumber")) {
      wide.put(field, List.of("*"));
    }
    wide.put("email", List.of("*example.internal"));
    post(adminToken, "/api/v1/requesters", Map.of("name", REQUESTER, "publicKeyPem", Csrs.pem(requesterKey.getPublic()),
        "allowedNames", List.of("*.example.internal"), "allowedProfiles", List.of("server", "client"), "maxValidityDays", 365,
        "allowedSubject", wide), false);

    // When the Kafka catalogue goes to eventca.requests (bytes that are no event: to eventca.fleet-requests), the HTTP catalogue to the REST API (as admin and as the
    // requester), the boundary subjects to both, and one signed fleet request to eventca.fleet-requests,
    HostileRequests kafka = new HostileRequests(file -> read(file.startsWith("csr/")
        ? root.resolve("request-checks/src/test/resources/hostile-csr/" + file.substring(4))
        : root.resolve("issuer-worker/src/test/resources/hostile-requests/" + file)));
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producer(KafkaBroker.bootstrapServers(), "pipeline"))) {
      int n = 0;
      for (HostileRequests.Row row : kafka.rows()) {
        byte[] value = kafka.record(row, caId, "pipeline-" + run + "-" + n++);
        producer.send(new ProducerRecord<>(topicFor(value), caId, value)).get();
      }
    }
    sendTheHttpCatalogue(caId);
    sendTheBoundarySubjects(caId);
    RequestId fleet = sendASignedFleetRequest(caId, requesterKey);
    // and a last request behind all of them on the CA's partition,
    String last = post(adminToken, "/api/v1/cas/" + caId + "/certificates", Map.of("csr", Csrs.csrPem(Csrs.ecP256(),
        "CN=last.example.internal"), "profile", "server"), true).path("serialNumber").asText();
    assertThat(last).as("the last request was issued").isNotBlank();

    // then every certificate issued for the CA is findable, listed with its own subject, revocable and revoked in OCSP.
    List<CertificateIssued> issued;
    try (EventProbe probe = new EventProbe(KafkaBroker.bootstrapServers())) {
      probe.await(Topic.REPLIES, CertificateDelivered.class, d -> d.requestId().equals(fleet), WAIT);
      issued = probe.readAll(Topic.ISSUANCE, CertificateIssued.class, i -> i.caId().value().equals(caId));
    }
    assertThat(issued).as("the boundary subjects, the fleet request and the last one were issued").hasSizeGreaterThanOrEqualTo(5);
    X509CertificateHolder ca = parse(get(adminToken, "/api/v1/cas/" + caId + "/certificate").body());
    JsonNode history = Json.MAPPER.readTree(get(adminToken, "/api/v1/certificates?caId=" + caId + "&limit=1000").body());
    for (CertificateIssued certificate : issued) {
      String serial = certificate.serialNumber().hex();
      X509CertificateHolder holder = parse(certificate.certificatePem());
      HttpResponse<String> found = get(adminToken, "/api/v1/cas/" + caId + "/certificates/" + serial);
      assertThat(found.statusCode()).as("GET of " + serial + ": " + found.body()).isEqualTo(200);
      assertThat(Json.MAPPER.readTree(found.body()).path("subject").asText()).as(serial).isEqualTo(Subjects.render(holder.getSubject()));
      assertThat(history.toString()).as(serial + " is in the history").contains("\"" + serial + "\"");
      HttpResponse<String> revoked = send(adminToken, "POST", "/api/v1/cas/" + caId + "/certificates/" + serial + "/revocation",
          Map.of("reason", "keyCompromise"));
      assertThat(revoked.statusCode()).as("revocation of " + serial + ": " + revoked.body()).isEqualTo(202);
    }
    for (CertificateIssued certificate : issued) {
      awaitOcspRevoked(ca, certificate.serialNumber().toBigInteger());
    }
    return issued.size();
  }

  /** Rows of ca-service's bad-input table that ask for certificates: each a 4xx, never a 5xx, for admin and requester. */
  private void sendTheHttpCatalogue(String caId) throws Exception {
    Path table = root.resolve("ca-service/src/test/resources/bad-input");
    for (JsonNode row : Json.MAPPER.readTree(read(table.resolve("cases.json")))) {
      if (!"/api/v1/cas/{caId}/certificates".equals(row.path("path").asText()) || !row.path("body").isObject() || row.has("bodyRepeat")
          || row.has("token")) {
        continue;
      }
      ObjectNode body = row.get("body").deepCopy();
      if (row.hasNonNull("csrFile")) {
        Path csr = root.resolve("request-checks/src/test/resources/hostile-csr/" + row.get("csrFile").asText());
        body.put("csr", new String(read(csr), StandardCharsets.US_ASCII));
      }
      for (String token : List.of(adminToken, requesterToken)) {
        HttpResponse<String> answer = send(token, "POST", "/api/v1/cas/" + caId + "/certificates", body);
        assertThat(answer.statusCode()).as(row.path("name").asText() + ": " + answer.body()).isLessThan(500);
      }
    }
  }

  /**
   * Subjects at every upper bound, made of the characters the renderer must escape, through REST fields and through a
   * CSR, as admin (held to no requester policy), and as the requester where its names allow.
   */
  private void sendTheBoundarySubjects(String caId) throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("csr", Csrs.csrPem(Csrs.ecP256(), "CN=ignored"));
    fields.put("profile", "client");
    fields.put("host", "fields.example.internal");
    fields.put("commonName", fill("Doe, John + \"Jr\" <x>; ", 64));
    fields.put("organization", fill("Société Générale, \\ + ", 64));
    fields.put("organizationalUnit", fill("#R&D = ", 64));
    fields.put("locality", fill("Zürich; ", 128));
    fields.put("state", fill("Île-de-France ", 128));
    fields.put("country", "FR");
    fields.put("email", "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + ".example.internal");
    assertThat(post(adminToken, "/api/v1/cas/" + caId + "/certificates", fields, true).path("serialNumber").asText()).isNotBlank();
    // The requester's names must keep to allowedNames, so its common name is a host name; the rest is as long.
    fields.put("commonName", "fields.example.internal");
    assertThat(post(requesterToken, "/api/v1/cas/" + caId + "/certificates", fields, true).path("serialNumber").asText()).isNotBlank();
    // Every attribute as often as it may occur, at its bound, in one CSR.
    X500NameBuilder longest = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "US").addRDN(BCStyle.ST, fill("S,", 128))
        .addRDN(BCStyle.L, fill("L+", 128)).addRDN(BCStyle.O, fill("O\"", 64));
    for (int i = 0; i < 4; i++) {
      longest.addRDN(BCStyle.OU, fill("U" + i + "<>", 64));
    }
    longest.addRDN(BCStyle.CN, fill("C;", 64)).addRDN(BCStyle.EmailAddress, "x".repeat(60) + "@longest.example.internal");
    for (int i = 0; i < 8; i++) {
      longest.addRDN(BCStyle.DC, "dc" + i + "x".repeat(60));
    }
    longest.addRDN(BCStyle.SERIALNUMBER, "+".repeat(64));
    assertThat(post(adminToken, "/api/v1/cas/" + caId + "/certificates", Map.of("csr", csr(longest.build()), "profile", "client", "host",
        "longest.example.internal"), true).path("serialNumber").asText()).isNotBlank();
  }

  private RequestId sendASignedFleetRequest(String caId, KeyPair requesterKey) throws Exception {
    RequestId id = new RequestId("pipeline-fleet-" + run);
    CertificateRequested request = new CertificateRequested(new CaId(caId), id,
        csr(new X500Name("C=US,O=Fleet\\, Inc.,OU=Edge,CN=fleet.example.internal")), "server", 30,
        REQUESTER, Instant.now(), null);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(requesterKey.getPrivate());
    signer.update(RequestSignature.message(request));
    Event signed = request.signed(Base64.getEncoder().encodeToString(signer.sign()));
    try (EventProbe probe = new EventProbe(KafkaBroker.bootstrapServers())) {
      probe.publish(Topic.FLEET_REQUESTS, signed);
    }
    return id;
  }

  private void awaitOcspRevoked(X509CertificateHolder ca, BigInteger serial) throws Exception {
    byte[] request = new OCSPReqBuilder().addRequest(new CertificateID(
        new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1), ca, serial)).build().getEncoded();
    Instant deadline = Instant.now().plus(WAIT);
    Object status = null;
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(crlUrl + "/ocsp"))
          .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      OCSPResp response = new OCSPResp(answer.body());
      if (response.getStatus() == OCSPResp.SUCCESSFUL) {
        status = ((BasicOCSPResp) response.getResponseObject()).getResponses()[0].getCertStatus();
        if (status instanceof RevokedStatus) {
          return;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("OCSP did not say revoked for serial " + serial.toString(16) + " (last: " + status + ")");
  }

  /** {@code unit} repeated to exactly {@code length} characters, with an x at either end (no white space there). */
  private static String fill(String unit, int length) {
    String text = unit.repeat(length / unit.length() + 1).substring(0, length);
    return "x" + text.substring(1, length - 1) + "x";
  }

  private static String csr(X500Name subject) throws Exception {
    KeyPair keys = Csrs.ecP256();
    return Csrs.pem(new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
  }

  private JsonNode post(String token, String path, Object body, boolean wait) throws Exception {
    HttpResponse<String> answer = send(token, "POST", path, body, wait);
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isBetween(200, 299);
    return Json.MAPPER.readTree(answer.body());
  }

  private HttpResponse<String> send(String token, String method, String path, Object body) throws Exception {
    return send(token, method, path, body, false);
  }

  private HttpResponse<String> send(String token, String method, String path, Object body, boolean wait) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(caUrl + path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)));
    if (wait) {
      request.header("Prefer", "wait=30");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String token, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(caUrl + path)).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static X509CertificateHolder parse(String pem) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      return (X509CertificateHolder) parser.readObject();
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Bytes that are no event go to eventca.fleet-requests, where an attacker with a fleet login can write them and the
   * issuer dead-letters them as it does on eventca.requests. Only ca-service may write eventca.requests, and its
   * projection (which never skips) stops that partition at such bytes until an operator skips them: sent there, they
   * would hold back every other CA on the partition for the rest of the run.
   */
  private static String topicFor(byte[] value) {
    try {
      EventCodec.decode(new org.apache.kafka.common.header.internals.RecordHeaders(), value);
      return Topic.REQUESTS.topicName();
    } catch (RuntimeException unreadable) {
      return Topic.FLEET_REQUESTS.topicName();
    }
  }
}
