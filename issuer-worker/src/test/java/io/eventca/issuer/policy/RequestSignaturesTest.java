package io.eventca.issuer.policy;

import io.eventca.checks.policy.PolicyRequest;
import io.eventca.checks.policy.PolicyRule;
import io.eventca.checks.policy.RequestSignatures;
import io.eventca.checks.policy.RequesterPolicies;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.issuer.TestRequesters;
import io.eventca.issuer.TestRequesters.Requester;
import io.eventca.events.registry.RequesterRegistered;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestSignaturesTest {
  private static final Requester EC = TestRequesters.ec("payments-api");
  private static final Requester RSA = TestRequesters.rsa("batch");
  private static final RequesterRegistered EC_REGISTERED =
      EC.registered(TestRequesters.policy(List.of("*.payments.internal"), List.of("server"), 90, null));

  private static CertificateRequested request(String by, String replyTopic) {
    return new CertificateRequested(CaId.random(), new RequestId("r-1"), "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
        "server", 30, by, Instant.now(), replyTopic);
  }

  @Test
  void aRequestSignedByTheRegisteredKeyVerifies_EcAndRsa() {
    assertThat(RequestSignatures.problem(EC.sign(request("payments-api", null)), EC_REGISTERED)).isNull();
    RequesterRegistered rsa = RSA.registered(TestRequesters.policy(List.of("batch.internal"), List.of("client"), 7, null));
    assertThat(RequestSignatures.problem(RSA.sign(request("batch", "eventca.replies")), rsa)).isNull();
  }

  @Test
  void unsignedTamperedForeignAndMalformedSignaturesAreRefused() {
    assertThat(RequestSignatures.problem(request("payments-api", null), EC_REGISTERED)).contains("must carry signature");

    CertificateRequested signed = EC.sign(request("payments-api", null));
    CertificateRequested longer = new CertificateRequested(signed.caId(), signed.requestId(), signed.csrPem(), signed.profile(), 90,
        signed.requestedBy(), signed.requestedAt(), null).signed(signed.signature());
    assertThat(RequestSignatures.problem(longer, EC_REGISTERED)).contains("does not verify");
    CertificateRequested redirected = new CertificateRequested(signed.caId(), signed.requestId(), signed.csrPem(), signed.profile(),
        signed.validityDays(), signed.requestedBy(), signed.requestedAt(), "eventca.replies.thief").signed(signed.signature());
    assertThat(RequestSignatures.problem(redirected, EC_REGISTERED)).contains("does not verify");

    CertificateRequested byAnother = TestRequesters.ec("payments-api").sign(request("payments-api", null));
    assertThat(RequestSignatures.problem(byAnother, EC_REGISTERED)).contains("does not verify");
    assertThat(RequestSignatures.problem(request("payments-api", null).signed("not base64!"), EC_REGISTERED)).contains("not base64");
    assertThat(RequestSignatures.problem(request("payments-api", null).signed("AAAA"), EC_REGISTERED)).contains("does not verify");
  }
}
