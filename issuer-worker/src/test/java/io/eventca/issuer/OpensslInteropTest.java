package io.eventca.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.events.SubjectName;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.ids.RequestId;
import io.eventca.testkit.Csrs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSL, the relying party most operators check with, reads what the issuer made as intended. */
class OpensslInteropTest {
  private final TestIssuer issuer = new TestIssuer();

  @TempDir Path dir;

  @Test
  void givenARootAnIntermediateAndALeaf_whenOpensslVerifiesTheLeaf_thenThePathIsOk() throws Exception {
    CaCreated root = issuer.root("Interop Root");
    CaCreated intermediate = issuer.intermediate(root.caId(), "Interop Issuing CA", 0);
    CertificateIssued leaf = issuer.issue(TestIssuer.certificateRequest(intermediate.caId(),
        Csrs.csrPem(Csrs.rsa(2048), "CN=leaf.example"), "server", "leaf.example", null, null));

    String output = openssl("verify", "-purpose", "sslserver", "-CAfile", write("root.pem", root.certificatePem()),
        "-untrusted", write("intermediate.pem", intermediate.certificatePem()), write("leaf.pem", leaf.certificatePem()));

    assertThat(output).contains("leaf.pem: OK");
  }

  @Test
  void givenAnIntermediateWithPathLength0_whenOpensslPrintsIt_thenItIsACaWithPathlen0PointingAtTheRootCrl() throws Exception {
    CaCreated root = issuer.root("Interop Root");
    CaCreated intermediate = issuer.intermediate(root.caId(), "Interop Issuing CA", 0);

    String text = openssl("x509", "-noout", "-text", "-in", write("intermediate.pem", intermediate.certificatePem()));

    assertThat(text).contains("CA:TRUE, pathlen:0", "Certificate Sign, CRL Sign", "X509v3 CRL Distribution Points",
        TestIssuer.CRL_BASE + "/crls/" + root.caId() + ".crl", "Issuer: C = US, O = Example, CN = Interop Root",
        "X509v3 Freshest CRL", TestIssuer.CRL_BASE + "/crls/" + root.caId() + "-delta.crl",
        "OCSP - URI:" + TestIssuer.CRL_BASE + "/ocsp");
  }

  @Test
  void givenHostAndSubject_whenOpensslPrintsTheCertificate_thenItShowsTheRequestedSubjectAndNames() throws Exception {
    CaCreated root = issuer.root("Interop Root");
    SubjectName subject = new SubjectName("myWorkstation", "ops@example.com", "IT", "Example", "Daly City", "CA", "US");
    CertificateIssued issued = issuer.issue(new CertificateRequested(root.caId(), RequestId.random(),
        Csrs.csrPem(Csrs.rsa(2048), "CN=ignored"), "server", 30, "bob", Instant.now(), null, "myHOST.domain1.domain2.com", subject,
        List.of("10.1.2.3", "2001:db8::7"), "sha384", null));

    String text = openssl("x509", "-noout", "-text", "-in", write("issued.pem", issued.certificatePem()));

    assertThat(text).contains(
        "DNS:myhost.domain1.domain2.com, IP Address:10.1.2.3, IP Address:2001:DB8:0:0:0:0:0:7, DNS:myworkstation",
        "Subject: C = US, ST = CA, L = Daly City, O = Example, OU = IT, CN = myWorkstation, emailAddress = ops@example.com",
        "Signature Algorithm: ecdsa-with-SHA384", "TLS Web Server Authentication", "CA:FALSE");
  }

  private String write(String name, String pem) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, pem);
    return file.toString();
  }

  private static String openssl(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
