package io.eventca.ca;

import io.eventca.events.KeyAlgorithm;

import io.eventca.events.SubjectName;

import io.eventca.events.ca.CaCreated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventca.events.RevocationReason;
import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.SerialNumber;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS on ca-service's HTTPS port, with a real TLS handshake, broker and PostgreSQL: a client certificate
 * from the client CA that eventca issued (its CertificateIssued is in the history) authenticates its CN with the
 * roles of its {@code OU=eventca-role:...}; a revoked one, one eventca never issued, one without a role and one from
 * another CA do not get in.
 */
@QuarkusTest
@TestProfile(MutualTlsProfile.class)
@QuarkusTestResource(RealInfrastructure.class)
class MutualTlsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final CaId CLIENT_CA = new CaId(MutualTlsProfile.CLIENT_CA_ID);
  private static final Client ALICE = Client.issued("CN=alice,OU=eventca-role:admin");
  private static final Client OLGA = Client.issued("CN=olga,OU=eventca-role:operator");
  private static final Client NORA = Client.issued("CN=nora");
  private static final Client REX = Client.issued("CN=rex,OU=eventca-role:admin");
  private static final Client MALLORY = Client.issued("CN=mallory,OU=eventca-role:admin");
  private static final Client ROY = Client.issued("CN=roy,OU=eventca-role:admin");
  /**
   * The penetration test's certificate (issue 11, finding 1): an OU that is a BMPString whose content octets are the ASCII
   * bytes of "eventca-role:admin". The JDK reads it as that text; the issuer, reading UTF-16, found no role and issued it.
   */
  private static final Client BMP = Client.issued(new X500Name(new RDN[] {
      new RDN(new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String("bmp"))),
      new RDN(new AttributeTypeAndValue(BCStyle.OU, bmpStringOfAscii("eventca-role:admin")))}));
  /** Invisible characters in a role OU: the JDK reads them too, and must not see a role either way. */
  private static final Client ZERO_WIDTH = Client.issued("CN=zw,OU=eventca-role:ad\u200Bmin");

  @TestHTTPResource(value = "/", tls = true)
  URL https;

  record Client(KeyPair keys, X509CertificateHolder certificate) {
    static Client issued(String subject) {
      return issued(new X500Name(subject));
    }

    static Client issued(X500Name subject) {
      KeyPair keys = Csrs.ecP256();
      return new Client(keys, MutualTlsProfile.certificate("CN=Test Client CA", subject, MutualTlsProfile.CLIENT_CA_KEY, keys, false, null));
    }

    CertificateIssued fact() {
      return new CertificateIssued(CLIENT_CA, RequestId.random(), SerialNumber.of(certificate.getSerialNumber()),
          certificate.getSubject().toString(), "client", certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
          Csrs.pem(certificate));
    }
  }

  @BeforeAll
  static void givenTheHistory() {
    // Given eventca issued the client certificates of alice, olga, nora and rex (not mallory's), and rex's was revoked.
    try (EventProbe probe = new EventProbe(KafkaBroker.bootstrapServers())) {
      // Roy's revocation is read before his certificate, as a replay across topics may bring them: his certificate is
      // published only once the projection holds the revocation on its own.
      probe.publish(new CertificateRevoked(CLIENT_CA, SerialNumber.of(ROY.certificate().getSerialNumber()), RevocationReason.superseded,
          java.time.Instant.now(), null, "admin"));
      await().atMost(TIMEOUT).until(() -> earlyRevocations(CLIENT_CA + ":" + SerialNumber.of(ROY.certificate().getSerialNumber()).hex()) == 1);
      // The client CA itself first: ca-service believes certificates only of a CA whose certificate it holds.
      probe.publish(new CaCreationRequested(CLIENT_CA, SubjectName.ofCommonName("Test Client CA"), KeyAlgorithm.EC, 256, "sha256", 365,
          "admin", java.time.Instant.now()));
      X509CertificateHolder ca = MutualTlsProfile.CLIENT_CA;
      probe.publish(new CaCreated(CLIENT_CA, "CN=Test Client CA", SerialNumber.of(ca.getSerialNumber()), ca.getNotBefore().toInstant(),
          ca.getNotAfter().toInstant(), KeyAlgorithm.EC, 256, "sha256", Csrs.pem(ca), null, null, null));
      for (Client client : new Client[] {ALICE, OLGA, NORA, REX, ROY, BMP, ZERO_WIDTH}) {
        probe.publish(client.fact());
      }
      probe.publish(new CertificateRevoked(CLIENT_CA, SerialNumber.of(REX.certificate().getSerialNumber()), RevocationReason.keyCompromise,
          java.time.Instant.now(), null, "admin"));
    }
  }

  @Test
  void anIssuedAdminCertificateIsTheAdmin_andWhatItDoesNamesItsCommonName() throws Exception {
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get(ALICE, "/api/v1/cas").statusCode()).isEqualTo(200));

    HttpResponse<String> created = post(ALICE, "/api/v1/cas", "{\"commonName\":\"Created over mTLS\"}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String caId = created.body().replaceAll(".*\"caId\":\"([^\"]+)\".*", "$1");
    try (EventProbe probe = new EventProbe(KafkaBroker.bootstrapServers())) {
      assertThat(probe.await(Topic.REQUESTS, CaCreationRequested.class, e -> e.caId().value().equals(caId), TIMEOUT).requestedBy())
          .isEqualTo("alice");
    }
  }

  @Test
  void anOperatorCertificateReadsButMayNotCreate_andACertificateWithoutARoleGetsNothing() throws Exception {
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get(OLGA, "/api/v1/cas").statusCode()).isEqualTo(200));
    assertThat(post(OLGA, "/api/v1/cas", "{\"commonName\":\"Not by an operator\"}").statusCode()).isEqualTo(403);
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get(NORA, "/api/v1/cas").statusCode()).isEqualTo(403));
  }

  @Test
  void aRevokedCertificate_oneEventcaNeverIssued_andNoCertificateAtAllAre401() throws Exception {
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get(ALICE, "/api/v1/cas").statusCode()).isEqualTo(200));
    // Rex's certificate is as good as Alice's but for its revocation, which the projection learns from another topic.
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get(REX, "/api/v1/cas").statusCode()).isEqualTo(401));
    assertThat(get(MALLORY, "/api/v1/cas").statusCode()).isEqualTo(401);
    String roy = "/api/v1/cas/" + CLIENT_CA + "/certificates/" + SerialNumber.of(ROY.certificate().getSerialNumber()).hex();
    await().atMost(TIMEOUT).untilAsserted(() -> TestTokens.asAdmin().get(roy).then().statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("REVOKED")));
    assertThat(get(ROY, "/api/v1/cas").statusCode()).isEqualTo(401);
    HttpResponse<String> none = get(null, "/api/v1/cas");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
  }

  /**
   * Issue 11, finding 1: a certificate eventca's history holds, from the client CA, whose role OU is a BMPString (or hides
   * a zero-width space) grants nothing: the login reads subjects with the one decoder the issuer uses, which refuses them.
   * Before the fix the BMPString certificate was the admin (it listed CAs and created one).
   */
  @Test
  void aRoleHiddenInAnotherStringTypeOrBehindAnInvisibleCharacterIsNoRole() throws Exception {
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get(ALICE, "/api/v1/cas").statusCode()).isEqualTo(200));
    String bmp = "/api/v1/cas/" + CLIENT_CA + "/certificates/" + SerialNumber.of(BMP.certificate().getSerialNumber()).hex();
    await().atMost(TIMEOUT).untilAsserted(() -> TestTokens.asAdmin().get(bmp).then().statusCode(200));

    HttpResponse<String> listed = get(BMP, "/api/v1/cas");
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(401);
    assertThat(listed.body()).contains("BMPString");
    assertThat(post(BMP, "/api/v1/cas", "{\"commonName\":\"Not by a BMPString\"}").statusCode()).isEqualTo(401);
    assertThat(get(ZERO_WIDTH, "/api/v1/cas").statusCode()).isEqualTo(401);
  }

  private static org.bouncycastle.asn1.ASN1Primitive bmpStringOfAscii(String text) {
    byte[] ascii = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] der = new byte[ascii.length + 2];
    der[0] = 0x1e;
    der[1] = (byte) ascii.length;
    System.arraycopy(ascii, 0, der, 2, ascii.length);
    try {
      return org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A certificate from a CA below the client CA passes TLS (the client CA is its trust anchor) but is no login: the
   * 401 says what is wrong with the certificate, not something about bearer tokens (issue 11, finding 9e).
   */
  @Test
  void aCertificateFromACaBelowTheClientCaIsA401ThatSaysSo() throws Exception {
    KeyPair subCaKeys = Csrs.ecP256();
    X509CertificateHolder subCa = MutualTlsProfile.certificate("CN=Test Client CA", "CN=Team Sub CA", MutualTlsProfile.CLIENT_CA_KEY,
        subCaKeys, true, null);
    KeyPair keys = Csrs.ecP256();
    Client below = new Client(keys, MutualTlsProfile.certificate("CN=Team Sub CA", "CN=trent,OU=eventca-role:admin", subCaKeys, keys,
        false, null));

    HttpResponse<String> response = http(below, true, subCa).send(HttpRequest.newBuilder(uri("/api/v1/cas")).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(response.body()).contains("client certificate", "CN=Team Sub CA", "a CA below the client CA")
        .doesNotContain("bearer", "token");
  }

  /**
   * A certificate from another CA, even one presented whatever the server asks for and written as a fact under the
   * client CA's id, fails the TLS handshake: the trust store keeps it out, and the history refuses the fact (the client
   * CA's certificate does not verify it).
   */
  @Test
  void aCertificateFromAnotherCaFailsTheHandshake() throws Exception {
    KeyPair otherCa = Csrs.ecP256();
    KeyPair keys = Csrs.ecP256();
    Client stranger = new Client(keys, MutualTlsProfile.certificate("CN=Other CA", "CN=eve,OU=eventca-role:admin", otherCa, keys, false, null));
    long refusedBefore = refusedFacts(CLIENT_CA.value());
    try (EventProbe probe = new EventProbe(KafkaBroker.bootstrapServers())) {
      probe.publish(stranger.fact());
    }
    String eve = "/api/v1/cas/" + CLIENT_CA + "/certificates/" + SerialNumber.of(stranger.certificate().getSerialNumber()).hex();
    await().atMost(TIMEOUT).until(() -> refusedFacts(CLIENT_CA.value()) > refusedBefore);
    TestTokens.asAdmin().get(eve).then().statusCode(404);

    HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/cas")).GET().build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> http(stranger, true).send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }

  private static long refusedFacts(String caId) throws Exception {
    var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
    try (java.sql.Connection db = java.sql.DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
            config.getValue("quarkus.datasource.username", String.class), "");
        java.sql.PreparedStatement query = db.prepareStatement("SELECT count(*) FROM refused_fact WHERE ca_id = ?")) {
      query.setString(1, caId);
      try (java.sql.ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long earlyRevocations(String id) throws Exception {
    var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
    try (java.sql.Connection db = java.sql.DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
            config.getValue("quarkus.datasource.username", String.class), "");
        java.sql.PreparedStatement query = db.prepareStatement("SELECT count(*) FROM early_revocation WHERE id = ?")) {
      query.setString(1, id);
      try (java.sql.ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private HttpResponse<String> get(Client client, String path) throws Exception {
    return http(client, false).send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(Client client, String path, String json) throws Exception {
    return http(client, false).send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(https.toString().replaceAll("/$", "") + path);
  }

  /**
   * A JSSE client that trusts the server's CA and, when given, presents the client's certificate: only when the server
   * names its issuer as acceptable, as JSSE does, or always ({@code alwaysPresent}), as a hostile client would.
   */
  private static HttpClient http(Client client, boolean alwaysPresent) throws Exception {
    return http(client, alwaysPresent, null);
  }

  /** As above; {@code issuer}, when given, is sent after the client's certificate, as a chain. */
  private static HttpClient http(Client client, boolean alwaysPresent, X509CertificateHolder issuer) throws Exception {
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", x509.generateCertificate(new java.io.ByteArrayInputStream(MutualTlsProfile.CLIENT_CA.getEncoded())));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    if (client != null) {
      X509Certificate certificate = (X509Certificate) x509.generateCertificate(new java.io.ByteArrayInputStream(client.certificate().getEncoded()));
      Certificate[] chain = issuer == null ? new Certificate[] {certificate}
          : new Certificate[] {certificate, x509.generateCertificate(new java.io.ByteArrayInputStream(issuer.getEncoded()))};
      keys.setKeyEntry("client", client.keys().getPrivate(), "x".toCharArray(), chain);
    }
    kmf.init(keys, "x".toCharArray());
    javax.net.ssl.KeyManager[] managers = kmf.getKeyManagers();
    if (alwaysPresent) {
      javax.net.ssl.X509ExtendedKeyManager delegate = (javax.net.ssl.X509ExtendedKeyManager) managers[0];
      managers = new javax.net.ssl.KeyManager[] {new javax.net.ssl.X509ExtendedKeyManager() {
        @Override public String[] getClientAliases(String keyType, java.security.Principal[] issuers) { return new String[] {"client"}; }
        @Override public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) { return "client"; }
        @Override public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
          return "client";
        }
        @Override public String[] getServerAliases(String keyType, java.security.Principal[] issuers) { return null; }
        @Override public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) { return null; }
        @Override public X509Certificate[] getCertificateChain(String alias) { return delegate.getCertificateChain(alias); }
        @Override public java.security.PrivateKey getPrivateKey(String alias) { return delegate.getPrivateKey(alias); }
      }};
    }
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(managers, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
  }
}
