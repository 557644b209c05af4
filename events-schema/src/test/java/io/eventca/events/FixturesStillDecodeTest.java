package io.eventca.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventca.events.Fixtures.Fixture;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.crl.CrlPublished;
import io.eventca.events.crl.RevocationPublished;
import io.eventca.events.fleet.CertificateDelivered;
import io.eventca.events.fleet.CertificateRequestRefused;
import io.eventca.events.fleet.RequestDeadLettered;
import io.eventca.events.fleet.RequestFingerprint;
import io.eventca.events.fleet.RequestSignature;
import io.eventca.events.ids.RequesterName;
import io.eventca.events.registry.CaRetired;
import io.eventca.events.registry.KeyDownloadLockedOut;
import io.eventca.events.registry.KeyDownloadUnlocked;
import io.eventca.events.registry.RequesterPolicy;
import io.eventca.events.registry.RequesterRegistered;
import io.eventca.events.registry.RequesterRetired;
import io.eventca.events.envelope.Envelope;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.envelope.Json;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.SerialNumber;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checked-in v1 records must decode, forever, to the values they were written with. Long fields (PEM,
 * wrapped key) are pinned by SHA-256 so the expectations stay readable.
 */
class FixturesStillDecodeTest {
  private static final CaId CA = new CaId("3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3c");
  private static final CaId LAB_CA = new CaId("9d2e7f40-1c3b-4a5d-8e6f-0a1b2c3d4e5f");
  private static final RequestId FLEET_REQUEST = new RequestId("web-fleet.node-17:renew-2026-11-22");
  private static final Instant NOT_BEFORE = Instant.parse("2026-11-22T19:13:37Z");
  private static final String CA_PEM_SHA256 = "bee44c1bcacd5292546bbff59c91a2abfe43800429f0c426e1c1f5b308119209";
  private static final String CSR_PEM_SHA256 = "a4ad880482c5569c1623abc9410645d108b8a3c1bff2799ecdc7d78b5c297039";
  private static final String CERT_PEM_SHA256 = "9b891faec5baa9632a9a73f1c68fcdb483cb422a804a64bcc22e36eb69a2af15";
  /** RequestFingerprint of the request in certificate-requested.v1.json. */
  private static final String FLEET_REQUEST_SHA256 = "35cef9ff6c2d7e0fe3f92b66f5970d51433fd9a6e18ea8d541756cb9425bcdd0";
  private static final io.eventca.events.ids.RequesterName PAYMENTS = new io.eventca.events.ids.RequesterName("payments-api");
  /** SHA-256 of the P-256 public key PEM in the requester-registered fixtures; its private key signed SIGNATURE. */
  private static final String REQUESTER_KEY_SHA256 = "2986fd8698ce5409b4192e3944e9db2c32e3b8cbd62d81456b6e124cd4eb60fd";
  private static final String SIGNATURE =
      "MEUCIQDvH+fXoz0Ll9Ckp4ONU/k27dlTxre7PiJqLObQK0ZZtgIgXH3iLiR1fXq/z/hLPc1Sc64jRtxF3MGJJ2Suiaug9uY=";
  private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  /** What each file holds. Long fields are null here and checked through {@link Expected#sha256}. */
  private record Expected(String id, String time, Event payload, Map<String, String> sha256) {}

  private static final Map<String, Expected> EXPECTED =
      Map.ofEntries(
          Map.entry(
              "v1/ca-creation-requested.v1.json",
              new Expected(
                  "4a851a9c-5bd5-442a-9f8e-203ce1dbcc56",
                  "2026-11-22T19:14:26.337459215Z",
                  new CaCreationRequested(
                      CA,
                      new SubjectName(
                          "Example Root CA", "pki@example.com", "Platform Security", "Example Corp", "Berlin", "Berlin", "DE"),
                      KeyAlgorithm.RSA,
                      2048,
                      "sha256",
                      3650,
                      "alice@example.com",
                      Instant.parse("2026-11-22T19:13:35.120Z")),
                  Map.of())),
          Map.entry(
              "v1/ca-creation-requested.v1.common-name-only.json",
              new Expected(
                  "85c35233-6072-4318-a0ab-e3a3d93d50f5",
                  "2026-11-22T19:14:45.681852056Z",
                  new CaCreationRequested(
                      LAB_CA,
                      SubjectName.ofCommonName("Lab Issuing CA"),
                      KeyAlgorithm.EC,
                      256,
                      "sha384",
                      365,
                      "bob",
                      Instant.parse("2026-11-22T20:01:02Z")),
                  Map.of())),
          Map.entry(
              "v1/ca-created.v1.json",
              new Expected(
                  "5c11c1e7-bd9b-404d-886d-f05fa536540f",
                  "2026-11-22T19:14:26.448114987Z",
                  new CaCreated(
                      CA,
                      "emailAddress=pki@example.com,CN=Example Root CA,OU=Platform Security,O=Example Corp,L=Berlin,ST=Berlin,C=DE",
                      new SerialNumber("5f3a9c01d2e4b7a8"),
                      NOT_BEFORE,
                      Instant.parse("2036-11-19T19:13:37Z"),
                      KeyAlgorithm.RSA,
                      2048,
                      "sha256",
                      null),
                  Map.of("certificatePem", CA_PEM_SHA256))),
          Map.entry(
              "v1/ca-creation-failed.v1.json",
              new Expected(
                  "8e8b4950-a4a0-4c22-84de-c8ba31b170f4",
                  "2026-11-22T19:14:26.461558765Z",
                  new CaCreationFailed(CA, "internal-error", "the HSM did not answer within 30 s"),
                  Map.of())),
          Map.entry(
              "v1/ca-key-stored.v1.json",
              new Expected(
                  "50689dbd-ad89-4249-bd09-d2c856ad66a9",
                  "2026-11-22T19:14:26.470739099Z",
                  new CaKeyStored(
                      CA, KeyAlgorithm.RSA, "kek-1", null, "3250b202b69369b9a17ead3a39fdaa6f78d2c6b56cf966d091baa2ed22964516"),
                  Map.of("wrappedPrivateKey", "75d3376876c739262de07b09c6232c40004356cd25f3d395212ebdc50a8b607f"))),
          Map.entry(
              "v1/ca-key-stored.v1.pkcs11.json",
              new Expected(
                  "be811cf9-8409-4e52-a6bf-40de3650d385",
                  "2026-12-01T08:19:14.681856337Z",
                  CaKeyStored.inToken(
                      CA, KeyAlgorithm.RSA, "9c1d5b0a7e3f2468ace13579bdf02468ace13579bdf02468ace13579bdf02468", "eventca-hsm",
                      "eventca-ca-3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3c"),
                  Map.of())),
          Map.entry(
              "v1/certificate-requested.v1.json",
              new Expected(
                  "c5adebfd-1bdd-405d-82a8-b973f824fc1b",
                  "2026-11-22T19:14:26.480299336Z",
                  new CertificateRequested(
                      CA,
                      FLEET_REQUEST,
                      null,
                      "server",
                      397,
                      "svc:web-fleet",
                      Instant.parse("2026-11-22T19:13:36.500Z"),
                      "eventca.replies.web-fleet"),
                  Map.of("csrPem", CSR_PEM_SHA256))),
          Map.entry(
              "v1/certificate-requested.v1.signed-by-requester.json",
              new Expected(
                  "6c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e",
                  "2026-12-01T11:30:00.25Z",
                  new CertificateRequested(CA, FLEET_REQUEST, null, "server", 397, "payments-api",
                      Instant.parse("2026-11-22T19:13:36.500Z"), "eventca.replies", null, null, null, null, null,
                      SIGNATURE, true),
                  Map.of("csrPem", CSR_PEM_SHA256))),
          Map.entry(
              "v1/requester-registered.v1.json",
              new Expected(
                  "0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b",
                  "2026-12-01T11:20:00.5Z",
                  new RequesterRegistered(PAYMENTS, null,
                      new RequesterPolicy(List.of("*.payments.internal", "10.20.0.7"), List.of("server"), 90, List.of(CA)),
                      "alice@example.com", Instant.parse("2026-12-01T11:19:59Z")),
                  Map.of("publicKeyPem", REQUESTER_KEY_SHA256))),
          Map.entry(
              "v1/requester-registered.v1.any-ca.json",
              new Expected(
                  "1c2d3e4f-5061-4728-9bac-1d2e3f4a5b6c",
                  "2026-12-01T11:21:00.5Z",
                  new RequesterRegistered(new RequesterName("batch@jobs"), null,
                      new RequesterPolicy(List.of("batch.internal"), List.of("client"), 7, null),
                      "alice@example.com", Instant.parse("2026-12-01T11:20:59Z")),
                  Map.of("publicKeyPem", REQUESTER_KEY_SHA256))),
          Map.entry(
              "v1/requester-registered.v1.with-allowed-subject.json",
              new Expected(
                  "6d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
                  "2026-12-03T09:00:00Z",
                  new RequesterRegistered(PAYMENTS, null,
                      new RequesterPolicy(List.of("*.payments.internal", "10.20.0.7"), List.of("server"), 90, List.of(CA),
                          Map.of("organization", List.of("Example Corp"), "email", List.of("*@payments.example"))),
                      "alice@example.com", Instant.parse("2026-12-03T08:59:59Z")),
                  Map.of("publicKeyPem", REQUESTER_KEY_SHA256))),
          Map.entry(
              "v1/certificate-issued.v1.with-requester-and-channel.json",
              new Expected(
                  "5e2f1a3b-7c4d-4e5f-8a6b-9c0d1e2f3a4b",
                  "2026-12-03T09:10:00Z",
                  new CertificateIssued(
                      CA,
                      FLEET_REQUEST,
                      new SerialNumber("7a3f09c2e1d84b5566aa0f13"),
                      "CN=api.internal.example.com",
                      "server",
                      NOT_BEFORE,
                      Instant.parse("2027-12-24T19:13:37Z"),
                      null,
                      null,
                      null,
                      null,
                      FLEET_REQUEST_SHA256,
                      "payments-api",
                      io.eventca.events.cert.Channel.fleet),
                  Map.of("certificatePem", CERT_PEM_SHA256))),
          Map.entry(
              "v1/certificate-rejected.v1.with-requester-and-channel.json",
              new Expected(
                  "6f3a2b4c-8d5e-4f60-9b7c-0d1e2f3a4b5c",
                  "2026-12-03T09:10:01Z",
                  new CertificateRejected(
                      CA,
                      FLEET_REQUEST,
                      "weak-key",
                      "RSA keys must be at least 2048 bits; the CSR has a 1024-bit key",
                      FLEET_REQUEST_SHA256,
                      "alice",
                      io.eventca.events.cert.Channel.rest),
                  Map.of())),
          Map.entry(
              "v1/certificate-delivered.v1.with-requested-by.json",
              new Expected(
                  "7a4b3c5d-9e6f-4071-8c8d-1e2f3a4b5c6d",
                  "2026-12-03T09:10:02Z",
                  new CertificateDelivered(
                      CA,
                      FLEET_REQUEST,
                      new SerialNumber("7a3f09c2e1d84b5566aa0f13"),
                      null,
                      null,
                      NOT_BEFORE,
                      Instant.parse("2027-12-24T19:13:37Z"),
                      null,
                      "payments-api"),
                  Map.of("certificatePem", CERT_PEM_SHA256, "chainPem", CA_PEM_SHA256))),
          Map.entry(
              "v1/certificate-request-refused.v1.with-requested-by.json",
              new Expected(
                  "8b5c4d6e-0f70-4182-9d9e-2f3a4b5c6d7e",
                  "2026-12-03T09:10:03Z",
                  new CertificateRequestRefused(
                      CA,
                      FLEET_REQUEST,
                      "request-id-reused",
                      "request id web-fleet.node-17:renew-2026-11-22 was already used for a different request; the earlier answer stands",
                      "payments-api"),
                  Map.of())),
          Map.entry(
              "v1/requester-retired.v1.json",
              new Expected(
                  "2d3e4f50-6172-4839-acbd-2e3f4a5b6c7d",
                  "2026-12-01T11:40:00.5Z",
                  new RequesterRetired(PAYMENTS, "alice@example.com", Instant.parse("2026-12-01T11:39:59Z")),
                  Map.of())),
          Map.entry(
              "v1/ca-retired.v1.json",
              new Expected(
                  "3e4f5061-7283-494a-bdce-3f4a5b6c7d8e",
                  "2026-12-01T11:50:00.5Z",
                  new CaRetired(CA, "superseded by Issuing CA 2", "alice@example.com", Instant.parse("2026-12-01T11:49:59Z")),
                  Map.of())),
          Map.entry(
              "v1/key-download-locked-out.v1.json",
              new Expected(
                  "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
                  "2026-12-03T09:10:00.5Z",
                  new KeyDownloadLockedOut(CA, new SerialNumber("7a3f09c2e1d84b5566aa0f13"), "payments-api", 10,
                      Instant.parse("2026-12-03T09:09:59.123456Z")),
                  Map.of())),
          Map.entry(
              "v1/key-download-unlocked.v1.json",
              new Expected(
                  "50617283-94a5-4b6c-9de0-5b6c7d8e9fa0",
                  "2026-12-03T09:30:00.5Z",
                  new KeyDownloadUnlocked(CA, new SerialNumber("7a3f09c2e1d84b5566aa0f13"), Instant.parse("2026-12-03T09:09:59.123456Z"),
                      "the owner forgot the passphrase and proved who they are", "alice@example.com",
                      Instant.parse("2026-12-03T09:29:59Z")),
                  Map.of())),
          Map.entry(
              "v1/key-download-unlocked.v1.without-reason.json",
              new Expected(
                  "61728394-a5b6-4c7d-aef1-6c7d8e9fa0b1",
                  "2026-12-03T09:40:00.5Z",
                  new KeyDownloadUnlocked(CA, new SerialNumber("7a3f09c2e1d84b5566aa0f13"), Instant.parse("2026-12-03T09:09:59.123456Z"),
                      null, "alice@example.com", Instant.parse("2026-12-03T09:39:59Z")),
                  Map.of())),
          Map.entry(
              "v1/ca-retired.v1.without-reason.json",
              new Expected(
                  "4f506172-8394-4a5b-8edf-4a5b6c7d8e9f",
                  "2026-12-01T11:51:00.5Z",
                  new CaRetired(CA, null, "alice@example.com", Instant.parse("2026-12-01T11:50:59Z")),
                  Map.of())),
          Map.entry(
              "v1/certificate-requested.v1.without-reply-topic.json",
              new Expected(
                  "49091e64-290c-41ae-9583-b3a2c5d6a6f4",
                  "2026-11-22T19:14:45.763963148Z",
                  new CertificateRequested(
                      LAB_CA,
                      new RequestId("0b8f3c2a-5e71-4d09-9a64-2f1c7e8d3b5a"),
                      null,
                      "client",
                      90,
                      "bob",
                      Instant.parse("2026-11-22T20:05:00Z"),
                      null),
                  Map.of("csrPem", CSR_PEM_SHA256))),
          Map.entry(
              "v1/ca-creation-requested.v1.with-parent-path-length-and-sha1-opt-in.json",
              new Expected(
                  "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
                  "2026-11-22T22:20:00.000000001Z",
                  new CaCreationRequested(
                      LAB_CA,
                      SubjectName.ofCommonName("Legacy Issuing CA"),
                      KeyAlgorithm.RSA,
                      3072,
                      "sha1",
                      730,
                      "alice@example.com",
                      Instant.parse("2026-11-22T22:19:59Z"),
                      CA,
                      0,
                      true),
                  Map.of())),
          Map.entry(
              "v1/certificate-requested.v1.with-host-subject-sans-and-digest.json",
              new Expected(
                  "1a2b3c4d-5e6f-4071-8293-a4b5c6d7e8f9",
                  "2026-11-22T22:21:00.000000002Z",
                  new CertificateRequested(
                      LAB_CA,
                      new RequestId("0b8f3c2a-5e71-4d09-9a64-2f1c7e8d3b5a"),
                      null,
                      "client",
                      90,
                      "bob",
                      Instant.parse("2026-11-22T20:05:00Z"),
                      null,
                      "myhost.domain1.domain2.com",
                      new SubjectName("myWorkstation", null, null, "Example Corp", null, null, "DE"),
                      List.of("alias.domain1.domain2.com", "10.0.0.17"),
                      "sha384",
                      false),
                  Map.of("csrPem", CSR_PEM_SHA256))),
          Map.entry(
              "v1/certificate-issued.v1.json",
              new Expected(
                  "3d028cb6-cef8-430c-ada2-251c396f5008",
                  "2026-11-22T19:14:26.49124868Z",
                  new CertificateIssued(
                      CA,
                      FLEET_REQUEST,
                      new SerialNumber("7a3f09c2e1d84b5566aa0f13"),
                      "CN=api.internal.example.com",
                      "server",
                      NOT_BEFORE,
                      Instant.parse("2027-12-24T19:13:37Z"),
                      null),
                  Map.of("certificatePem", "9b891faec5baa9632a9a73f1c68fcdb483cb422a804a64bcc22e36eb69a2af15"))),
          Map.entry(
              "v1/certificate-rejected.v1.json",
              new Expected(
                  "f67ba481-4ca9-49b6-ad17-3b4ce79c207e",
                  "2026-11-22T19:14:26.501336288Z",
                  new CertificateRejected(
                      CA, FLEET_REQUEST, "weak-key", "RSA keys must be at least 2048 bits; the CSR has a 1024-bit key"),
                  Map.of())),
          Map.entry(
              "v1/certificate-revoked.v1.json",
              new Expected(
                  "a216be44-1f49-48d8-8662-0829ce297474",
                  "2026-11-22T19:14:26.51081188Z",
                  new CertificateRevoked(
                      CA,
                      new SerialNumber("7a3f09c2e1d84b5566aa0f13"),
                      RevocationReason.keyCompromise,
                      NOT_BEFORE,
                      Instant.parse("2026-11-21T08:00:00Z"),
                      "alice@example.com"),
                  Map.of())),
          Map.entry(
              "v1/certificate-revoked.v1.without-invalidity-date.json",
              new Expected(
                  "231250f4-59c3-42a5-9ac2-95d9e153eac0",
                  "2026-11-22T19:14:45.773805483Z",
                  new CertificateRevoked(
                      LAB_CA,
                      new SerialNumber("1"),
                      RevocationReason.cessationOfOperation,
                      Instant.parse("2026-11-23T09:30:00Z"),
                      null,
                      "bob"),
                  Map.of())),
          Map.entry(
              "v1/crl-published.v1.json",
              new Expected(
                  "a047fb6f-e512-4308-a6f4-aea02f563f16",
                  "2026-11-22T19:14:26.522348244Z",
                  new CrlPublished(CA, 4096, NOT_BEFORE, Instant.parse("2026-11-29T19:13:37Z"), 1, null),
                  Map.of("crlPem", "609b1de8b94de7d022da65fd5769e7274baaab06ca7e35a87212e131381036fb"))),
          Map.entry(
              "v1/crl-published.v1.delta.json",
              new Expected(
                  "0c70a92a-6ee4-4ea4-99a3-febe3a5a6025",
                  "2026-12-01T08:01:13.104863356Z",
                  new CrlPublished(CA, 4098, Instant.parse("2026-12-01T08:00:00Z"), Instant.parse("2026-12-02T08:00:00Z"), 1,
                      null, 4097L, "aa".repeat(32), 700L, null),
                  Map.of("crlPem", "b75470282a1e9d6943a015184ea601c6ceceece0feda73ee4a1bb215b18540e0"))),
          Map.entry(
              "v1/crl-published.v1.by-reference.json",
              new Expected(
                  "51540196-748e-4a42-a09d-fe50745b922c",
                  "2026-12-01T08:01:13.314340837Z",
                  new CrlPublished(CA, 4099, Instant.parse("2026-12-01T08:00:00Z"), Instant.parse("2026-12-02T08:00:00Z"),
                      1_000_000, null, null, "bb".repeat(32), 48_000_000L,
                      "http://localhost:8082/crls/3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3c.crl"),
                  Map.of())),
          Map.entry(
              "v1/revocation-published.v1.json",
              new Expected(
                  "581d6174-06d6-4063-a673-bab749e47a62",
                  "2026-12-01T08:01:13.317516944Z",
                  new RevocationPublished(CA, new SerialNumber("7a3f09c2e1d84b5566aa0f13"), RevocationReason.keyCompromise,
                      Instant.parse("2026-12-01T08:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"), 4098),
                  Map.of())),
          Map.entry(
              "v1/revocation-published.v1.without-invalidity-date.json",
              new Expected(
                  "ad4ffc21-0de2-4f01-95fe-89814bac9c22",
                  "2026-12-01T08:01:13.326186397Z",
                  new RevocationPublished(CA, new SerialNumber("7a3f09c2e1d84b5566aa0f13"), RevocationReason.superseded,
                      Instant.parse("2026-12-01T08:00:00Z"), null, 4098),
                  Map.of())),
          Map.entry(
              "v1/certificate-issued.v1.with-request-sha256.json",
              new Expected(
                  "23668544-cfc3-45f6-b8bd-9067d401d42f",
                  "2026-11-22T22:44:55.371060458Z",
                  new CertificateIssued(
                      CA,
                      FLEET_REQUEST,
                      new SerialNumber("7a3f09c2e1d84b5566aa0f13"),
                      "CN=api.internal.example.com",
                      "server",
                      NOT_BEFORE,
                      Instant.parse("2027-12-24T19:13:37Z"),
                      null,
                      null,
                      null,
                      null,
                      FLEET_REQUEST_SHA256),
                  Map.of("certificatePem", CERT_PEM_SHA256))),
          Map.entry(
              "v1/certificate-rejected.v1.with-request-sha256.json",
              new Expected(
                  "6a2400bf-74f5-44b2-99d1-7712c857c7e1",
                  "2026-11-22T22:44:55.380225057Z",
                  new CertificateRejected(
                      CA,
                      FLEET_REQUEST,
                      "weak-key",
                      "RSA keys must be at least 2048 bits; the CSR has a 1024-bit key",
                      FLEET_REQUEST_SHA256),
                  Map.of())),
          Map.entry(
              "v1/certificate-delivered.v1.json",
              new Expected(
                  "8fa455f4-6abc-43e2-9dd8-807addb1668f",
                  "2026-11-22T22:44:55.381555982Z",
                  new CertificateDelivered(
                      CA,
                      FLEET_REQUEST,
                      new SerialNumber("7a3f09c2e1d84b5566aa0f13"),
                      null,
                      null,
                      NOT_BEFORE,
                      Instant.parse("2027-12-24T19:13:37Z"),
                      null),
                  Map.of("certificatePem", CERT_PEM_SHA256, "chainPem", CA_PEM_SHA256))),
          Map.entry(
              "v1/certificate-delivered.v1.repeated.json",
              new Expected(
                  "b5f1f2d8-95d6-4ed8-b45a-bcba7cd84fdc",
                  "2026-11-22T22:44:55.383245873Z",
                  new CertificateDelivered(
                      CA,
                      FLEET_REQUEST,
                      new SerialNumber("7a3f09c2e1d84b5566aa0f13"),
                      null,
                      null,
                      NOT_BEFORE,
                      Instant.parse("2027-12-24T19:13:37Z"),
                      true),
                  Map.of("certificatePem", CERT_PEM_SHA256, "chainPem", CA_PEM_SHA256))),
          Map.entry(
              "v1/certificate-request-refused.v1.json",
              new Expected(
                  "c86d777d-4013-467c-aa02-250b477beee4",
                  "2026-11-22T22:44:55.383922071Z",
                  new CertificateRequestRefused(
                      CA,
                      FLEET_REQUEST,
                      "request-id-reused",
                      "request id web-fleet.node-17:renew-2026-11-22 was already used for a different request; the earlier answer stands"),
                  Map.of())),
          Map.entry(
              "v1/certificate-request-refused.v1.unknown-ca.json",
              new Expected(
                  "cf51e318-7d22-45bd-a8d8-86a616fd7e43",
                  "2026-11-22T22:44:55.384871808Z",
                  new CertificateRequestRefused(
                      CaId.UNKNOWN,
                      new RequestId("0b8f3c2a-5e71-4d09-9a64-2f1c7e8d3b5a"),
                      "unreadable-request",
                      "payload is not a valid io.eventca.certificate-requested.v1: caId must be a lowercase UUID"),
                  Map.of())),
          Map.entry(
              "v1/request-dead-lettered.v1.json",
              new Expected(
                  "462b392d-d9fa-41e8-a750-2c8dfdd503d7",
                  "2026-11-22T22:44:55.388551516Z",
                  new RequestDeadLettered(
                      CA,
                      FLEET_REQUEST,
                      "bad-csr",
                      "the CSR is not a PKCS#10 request: corrupted DER",
                      "eventca.requests",
                      3,
                      1207L,
                      616,
                      "e3fbdca8dbaa5cd11483393126113e2bd1542585147332070f2f50d26193a4ae",
                      null),
                  Map.of("originalBase64", "9e77cca3149603dc49113fef672131c4b3d82935f6cafec75f041af5bacdd87d"))),
          Map.entry(
              "v1/request-dead-lettered.v1.unreadable.json",
              new Expected(
                  "0531b805-a38f-4059-92ae-086ad7eb6970",
                  "2026-11-22T22:44:55.39139725Z",
                  new RequestDeadLettered(
                      CaId.UNKNOWN,
                      null,
                      "unreadable-request",
                      "not a CloudEvents 1.0 record: Unrecognized token 'not': was expecting (JSON String, Number, Array,"
                          + " Object or token 'null', 'true' or 'false')",
                      "eventca.requests",
                      0,
                      42L,
                      15,
                      "92628a747890d02d1459c6eb45fd13cfa63bbb6d346412cff190297cf9c33d39",
                      "bm90IGpzb24gYXQgYWxs"),
                  Map.of())),
          Map.entry(
              "v1/request-dead-lettered.v1.without-value.json",
              new Expected(
                  "7f5d943f-0c4c-4c61-b130-475c94099cf4",
                  "2026-11-22T22:44:55.391883355Z",
                  new RequestDeadLettered(
                      CaId.UNKNOWN, null, "unreadable-request", "record has no value", "eventca.requests", 5, 0L, 0, EMPTY_SHA256, null),
                  Map.of())));

  static List<Fixture> fixtures() {
    return Fixtures.all();
  }

  @Test
  void everyEventTypeHasAFixture() {
    Set<String> covered = Fixtures.all().stream().map(Fixture::wireType).collect(Collectors.toSet());
    for (Class<? extends Event> type : EventTypes.ALL) {
      assertThat(covered)
          .as("a fixture under src/test/resources/fixtures for " + type.getSimpleName())
          .contains(EventTypes.wireType(type));
    }
  }

  @Test
  void everyFixtureHasItsExpectedValuesWrittenDown() {
    assertThat(Fixtures.all().stream().map(Fixture::name)).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void decodesToTheTypeItsNameAndTypeAttributeSay(Fixture fixture) {
    Envelope envelope = EventCodec.decode(null, fixture.bytes());

    assertThat(envelope.type()).isEqualTo(fixture.wireType());
    assertThat(EventTypes.wireType(envelope.payload().getClass())).isEqualTo(fixture.wireType());
    assertThat(envelope.source()).isEqualTo("/eventca/fixture");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void decodesToTheValuesItWasWrittenWith(Fixture fixture) throws Exception {
    Expected expected = EXPECTED.get(fixture.name());
    assertThat(expected).as("expectations for " + fixture.name()).isNotNull();

    Envelope envelope = EventCodec.decode(null, fixture.bytes());

    assertThat(envelope.id()).isEqualTo(expected.id());
    assertThat(envelope.time()).isEqualTo(Instant.parse(expected.time()));
    assertThat(envelope.payload())
        .isExactlyInstanceOf(expected.payload().getClass())
        .usingRecursiveComparison()
        .ignoringFields(expected.sha256().keySet().toArray(String[]::new))
        .isEqualTo(expected.payload());
    for (Map.Entry<String, String> pinned : expected.sha256().entrySet()) {
      Object value = envelope.payload().getClass().getMethod(pinned.getKey()).invoke(envelope.payload());
      assertThat(value).as(pinned.getKey()).isInstanceOf(String.class);
      assertThat(sha256((String) value)).as("SHA-256 of " + pinned.getKey()).isEqualTo(pinned.getValue());
    }
  }

  /** Today's writer must still write every field an old reader knows, the same way; it may add fields. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void theCurrentWriterStillWritesEveryFixtureFieldTheSameWay(Fixture fixture) throws Exception {
    Event payload = EventCodec.decode(null, fixture.bytes()).payload();
    JsonNode written = Json.MAPPER.readTree(fixture.bytes()).get("data");
    JsonNode rewritten = Json.MAPPER.readTree(new EventCodec("fixture").encode(payload)).get("data");

    assertThat(written.properties()).isNotEmpty();
    for (Map.Entry<String, JsonNode> field : written.properties()) {
      assertThat(rewritten.get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue());
    }
  }

  /** The issued and rejected facts carry the fingerprint of the request fixture they answer. */
  @Test
  void requestSha256IsTheFingerprintOfTheRequestFixture() {
    CertificateRequested request =
        EventCodec.decode(null, Fixtures.named("v1/certificate-requested.v1.json").bytes()).payloadAs(CertificateRequested.class);

    assertThat(RequestFingerprint.of(request)).isEqualTo(FLEET_REQUEST_SHA256);
  }

  /**
   * The signed fixture was signed with openssl ({@code openssl dgst -sha256 -sign}) over the documented text, by
   * the key the requester-registered fixture holds: the message is language-neutral, and stays what it was.
   */
  @Test
  void theSignedRequestVerifiesUnderTheRegisteredKeyAndNoOtherMessage() throws Exception {
    CertificateRequested request = EventCodec.decode(null, Fixtures.named("v1/certificate-requested.v1.signed-by-requester.json").bytes())
        .payloadAs(CertificateRequested.class);
    RequesterRegistered registered = EventCodec.decode(null, Fixtures.named("v1/requester-registered.v1.json").bytes())
        .payloadAs(RequesterRegistered.class);
    String base64 = registered.publicKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    java.security.PublicKey key = java.security.KeyFactory.getInstance("EC")
        .generatePublic(new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder().decode(base64)));

    assertThat(new String(RequestSignature.message(request), StandardCharsets.UTF_8)).isEqualTo(
        "eventca-certificate-request-v1\nweb-fleet.node-17:renew-2026-11-22\npayments-api\neventca.replies\n" + FLEET_REQUEST_SHA256);
    assertThat(verifies(key, RequestSignature.message(request), request.signature())).isTrue();
    CertificateRequested redirected = new CertificateRequested(request.caId(), request.requestId(), request.csrPem(),
        request.profile(), request.validityDays(), request.requestedBy(), request.requestedAt(), "eventca.replies.evil",
        null, null, null, null, null, request.signature(), true);
    assertThat(verifies(key, RequestSignature.message(redirected), request.signature())).isFalse();
  }

  private static boolean verifies(java.security.PublicKey key, byte[] message, String signature) throws Exception {
    java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(java.util.Base64.getDecoder().decode(signature));
  }

  /** Key records written before {@code custody} existed are KEK-wrapped; the token record says pkcs11. */
  @Test
  void keyRecordsWithoutCustodyAreKekWrapped() {
    CaKeyStored wrapped = EventCodec.decode(null, Fixtures.named("v1/ca-key-stored.v1.json").bytes()).payloadAs(CaKeyStored.class);
    CaKeyStored inToken =
        EventCodec.decode(null, Fixtures.named("v1/ca-key-stored.v1.pkcs11.json").bytes()).payloadAs(CaKeyStored.class);

    assertThat(wrapped.custody()).isNull();
    assertThat(wrapped.custodyKind()).isEqualTo(CaKeyStored.Custody.kek);
    assertThat(inToken.custodyKind()).isEqualTo(CaKeyStored.Custody.pkcs11);
    assertThat(inToken.wrappedPrivateKey()).isNull();
    assertThat(inToken.kekId()).isNull();
  }

  /** A dead letter keeps the raw value: its hash and size are those of the bytes in originalBase64. */
  @Test
  void deadLetteredOriginalMatchesItsHashAndSize() throws Exception {
    for (String name :
        List.of("v1/request-dead-lettered.v1.json", "v1/request-dead-lettered.v1.unreadable.json")) {
      RequestDeadLettered letter = EventCodec.decode(null, Fixtures.named(name).bytes()).payloadAs(RequestDeadLettered.class);
      byte[] original = java.util.Base64.getDecoder().decode(letter.originalBase64());

      assertThat(original).as(name).hasSize(letter.originalSize());
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original)))
          .as(name)
          .isEqualTo(letter.originalSha256());
    }
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
