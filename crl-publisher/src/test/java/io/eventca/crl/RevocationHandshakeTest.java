package io.eventca.crl;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventca.events.RevocationReason;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.ids.SerialNumber;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A real JSSE mutual-TLS handshake whose server checks client certificates against this service's CRL
 * (PKIX revocation checking on, CRLs only): it succeeds with a valid client certificate and fails once that
 * certificate is revoked and the new CRL is out.
 */
@QuarkusTest
@QuarkusTestResource(RealKafka.class)
class RevocationHandshakeTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static volatile String lastServerOutcome;

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  @Test
  void aClientCertificateIsAcceptedUntilItIsRevoked_thenTheHandshakeFails() throws Exception {
    TestCa ca = TestCa.rsa();
    String crlUrl = "http://localhost:" + port + "/crls/" + ca.caId().value() + ".crl";
    KeyPair serverKey = rsa();
    KeyPair clientKey = rsa();
    X509Certificate server = issue(ca, serverKey, "CN=localhost", KeyPurposeId.id_kp_serverAuth, crlUrl);
    X509Certificate client = issue(ca, clientKey, "CN=svc-1.fleet.internal", KeyPurposeId.id_kp_clientAuth, crlUrl);

    try (EventProbe probe = new EventProbe(KafkaBroker.bootstrapServers())) {
      probe.publish(ca.created());
      probe.publish(ca.keyStored());
      X509CRL first = awaitCrl(crlUrl, 1);

      assertThat(handshake(ca, server, serverKey, client, clientKey, first)).isEqualTo("CN=svc-1.fleet.internal");

      probe.publish(new CertificateRevoked(ca.caId(), SerialNumber.of(client.getSerialNumber()), RevocationReason.keyCompromise,
          Instant.now().truncatedTo(ChronoUnit.SECONDS), null, "test"));
      // A small CA re-issues its full CRL at every batch: full 3 (after full 1 and delta 2) lists the client.
      X509CRL second = awaitCrl(crlUrl, 3);

      assertThat(second.isRevoked(client)).isTrue();
      assertThatThrownBy(() -> handshake(ca, server, serverKey, client, clientKey, second)).isInstanceOf(IOException.class);
      assertThat(lastServerOutcome).as("why the server refused").containsIgnoringCase("revoked");
    }
  }

  /** Runs one handshake; returns the client's subject as the server saw it, or throws what the client saw. */
  private static String handshake(TestCa ca, X509Certificate server, KeyPair serverKey, X509Certificate client, KeyPair clientKey,
      X509CRL crl) throws Exception {
    SSLContext serverContext = context(keyStore(serverKey, server, ca), revocationCheckingTrust(ca, crl));
    SSLContext clientContext = context(keyStore(clientKey, client, ca), plainTrust(ca));
    try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0)) {
      listener.setNeedClientAuth(true);
      listener.setSoTimeout(20_000);
      CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
        try (SSLSocket socket = (SSLSocket) listener.accept()) {
          socket.setSoTimeout(20_000);
          socket.startHandshake();
          String peer = ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
          socket.getOutputStream().write(1);
          socket.getOutputStream().flush();
          return peer;
        } catch (IOException e) {
          StringBuilder why = new StringBuilder("refused:");
          for (Throwable t = e; t != null; t = t.getCause()) {
            why.append(' ').append(t.getMessage());
          }
          lastServerOutcome = why.toString();
          return lastServerOutcome;
        }
      });
      try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket("localhost", listener.getLocalPort())) {
        socket.setSoTimeout(20_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        // TLS 1.3 reports a refused client certificate on the first read, not in startHandshake.
        if (socket.getInputStream().read() != 1) {
          throw new IOException("the server closed the connection");
        }
      } catch (IOException e) {
        seen.get(30, TimeUnit.SECONDS);
        throw e;
      }
      return seen.get(30, TimeUnit.SECONDS);
    }
  }

  private static TrustManagerFactory revocationCheckingTrust(TestCa ca, X509CRL crl) throws Exception {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    anchors.setCertificateEntry("ca", ca.certificate());
    PKIXBuilderParameters pkix = new PKIXBuilderParameters(anchors, new X509CertSelector());
    pkix.setRevocationEnabled(true);
    pkix.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
    PKIXRevocationChecker checker = (PKIXRevocationChecker) java.security.cert.CertPathValidator.getInstance("PKIX").getRevocationChecker();
    checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK));
    pkix.addCertPathChecker(checker);
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(new CertPathTrustManagerParameters(pkix));
    return factory;
  }

  private static TrustManagerFactory plainTrust(TestCa ca) throws Exception {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    anchors.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(anchors);
    return factory;
  }

  private static KeyStore keyStore(KeyPair key, X509Certificate certificate, TestCa ca) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("key", key.getPrivate(), PASSWORD, new X509Certificate[] {certificate, ca.certificate()});
    return store;
  }

  private static SSLContext context(KeyStore keys, TrustManagerFactory trust) throws Exception {
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
    keyManagers.init(keys, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
    return context;
  }

  private static X509CRL awaitCrl(String url, long number) throws Exception {
    await().atMost(WAIT).pollInterval(200, TimeUnit.MILLISECONDS).until(() ->
        given().get(url).then().extract().header("ETag") != null
            && given().get(url).then().extract().header("ETag").endsWith("-" + number + "\""));
    byte[] der = given().get(url).then().statusCode(200).extract().asByteArray();
    return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static X509Certificate issue(TestCa ca, KeyPair key, String subject, KeyPurposeId purpose, String crlUrl) throws Exception {
    Instant now = Instant.now();
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    String host = subject.substring(3);
    var builder = new JcaX509v3CertificateBuilder(ca.certificate(), new BigInteger(64, new SecureRandom()).setBit(63),
        Date.from(now.minusSeconds(60)), Date.from(now.plus(30, ChronoUnit.DAYS)), new X500Name(subject), key.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, host)))
        .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key.getPublic()))
        .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca.certificate()))
        .addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl))),
                null, null)}));
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.keyPair().getPrivate())));
  }
}
