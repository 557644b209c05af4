package io.eventca.events;

import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.crl.CrlPublished;
import io.eventca.events.fleet.CertificateDelivered;
import io.eventca.events.fleet.CertificateRequestRefused;
import io.eventca.events.fleet.RequestDeadLettered;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.SerialNumber;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * One event of every type, built in code (not read from fixtures) so round trips test the current writer.
 * Sub-second instants and every optional field set, because those are what a sloppy mapping loses.
 */
public final class SampleEvents {
  private SampleEvents() {}

  public static List<Event> all() {
    CaId ca = CaId.random();
    RequestId request = RequestId.random();
    Instant at = Instant.parse("2026-01-02T03:04:05.123456789Z");
    Instant later = at.plusSeconds(86_400L * 397);
    SerialNumber serial = SerialNumber.of(new BigInteger("7fffffffffffffffffffffffffffffffffffffff", 16));
    return List.of(
        new CaCreationRequested(
            ca,
            new SubjectName("Root", "pki@example.org", "Sec", "Example", "Oslo", "Oslo", "NO"),
            KeyAlgorithm.EC,
            384,
            "sha384",
            7300,
            "carol",
            at),
        new CaCreated(ca, "CN=Root,O=Example,C=NO", serial, at, later, KeyAlgorithm.EC, 384, "sha384", pem("CERTIFICATE")),
        new CaCreationRequested(CaId.random(), SubjectName.ofCommonName("Issuing"), KeyAlgorithm.RSA, 2048, "sha1", 365,
            "carol", at, ca, 0, true),
        new CaCreated(CaId.random(), "CN=Issuing", serial, at, later, KeyAlgorithm.RSA, 2048, "sha1", pem("CERTIFICATE"), ca, 0, true),
        new CaCreationFailed(ca, ErrorCode.INTERNAL_ERROR.code(), "key generation failed"),
        new CaKeyStored(ca, KeyAlgorithm.EC, "kek-2", "AAECAwQFBgcICQoLDA0ODxAREhM=", "ab".repeat(32)),
        CaKeyStored.inToken(ca, KeyAlgorithm.RSA, "cd".repeat(32), "eventca-hsm", "eventca-ca-" + ca.value()),
        new CertificateRequested(ca, request, pem("CERTIFICATE REQUEST"), "client", 30, "svc:batch", at, "replies.batch"),
        new CertificateIssued(ca, request, SerialNumber.parse("01:02"), "CN=batch", "client", at, later, pem("CERTIFICATE")),
        new CertificateRequested(ca, request, pem("CERTIFICATE REQUEST"), "server", 100, "bob", at, null,
            "web.example.org", new SubjectName("web", null, null, "Example", null, null, "NO"),
            List.of("www.example.org", "192.0.2.7", "2001:db8::1"), "sha512", false),
        new CertificateIssued(ca, request, serial, "CN=web", "server", at, later, pem("CERTIFICATE"), "web.example.org", "sha512", false),
        new CertificateRejected(ca, request, ErrorCode.BAD_CSR.code(), "the CSR is not PEM"),
        new CertificateRevoked(ca, serial, RevocationReason.aACompromise, at, at.minusSeconds(3600), "carol"),
        new CrlPublished(ca, Long.MAX_VALUE, at, later, Integer.MAX_VALUE, pem("X509 CRL")),
        new CrlPublished(ca, 9, at, later, 2, pem("X509 CRL"), 7L, "ab".repeat(32), 512L, null),
        new CrlPublished(ca, 10, at, later, 1_000_000, null, null, "cd".repeat(32), 48_000_000L,
            "http://crl.example.org/crls/" + ca.value() + ".crl"),
        new io.eventca.events.crl.RevocationPublished(ca, serial, RevocationReason.keyCompromise, at, null, 9),
        new io.eventca.events.crl.RevocationPublished(ca, serial, RevocationReason.superseded, at, at.minusSeconds(60), 10),
        new CertificateIssued(ca, request, serial, "CN=web", "server", at, later, pem("CERTIFICATE"), null, null, null,
            "0123456789abcdef".repeat(4)),
        new CertificateRejected(ca, request, ErrorCode.REQUEST_ID_REUSED.code(), "another request used this id",
            "fedcba9876543210".repeat(4)),
        new CertificateDelivered(ca, request, serial, pem("CERTIFICATE"), pem("CERTIFICATE") + pem("CERTIFICATE"), at,
            later, true),
        new CertificateDelivered(ca, request, serial, pem("CERTIFICATE"), pem("CERTIFICATE"), at, later, null),
        new CertificateRequestRefused(ca, request, ErrorCode.WEAK_KEY.code(), "RSA keys must be at least 2048 bits"),
        new CertificateRequestRefused(CaId.UNKNOWN, request, ErrorCode.UNREADABLE_REQUEST.code(), "not a CloudEvent"),
        new RequestDeadLettered(ca, request, ErrorCode.BAD_CSR.code(), "the CSR is not PEM", "eventca.requests",
            Integer.MAX_VALUE, Long.MAX_VALUE, 65537, "ab".repeat(32), "AAECAwQFBgcICQoLDA0ODxAREhM="),
        new RequestDeadLettered(CaId.UNKNOWN, null, ErrorCode.UNREADABLE_REQUEST.code(), "record has no value",
            "eventca.requests", 0, 0L, 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", null),
        new CertificateRequested(ca, request, pem("CERTIFICATE REQUEST"), "server", 30, "payments-api", at,
            "eventca.replies", null, null, null, null, null, "MEUCIQDx", true),
        new io.eventca.events.registry.RequesterRegistered(new io.eventca.events.ids.RequesterName("payments-api"),
            pem("PUBLIC KEY"), new io.eventca.events.registry.RequesterPolicy(List.of("*.payments.internal", "10.0.0.7"),
                List.of("server", "client"), 90, List.of(ca)), "carol", at),
        new io.eventca.events.registry.RequesterRegistered(new io.eventca.events.ids.RequesterName("batch@jobs"),
            pem("PUBLIC KEY"), new io.eventca.events.registry.RequesterPolicy(List.of("batch.internal"), List.of("client"), 7, null),
            "carol", at),
        new io.eventca.events.registry.RequesterRetired(new io.eventca.events.ids.RequesterName("payments-api"), "carol", later),
        new io.eventca.events.registry.CaRetired(ca, "superseded by a new issuing CA", "carol", later),
        new io.eventca.events.registry.KeyDownloadLockedOut(ca, serial, "payments-api", 10, at),
        new io.eventca.events.registry.KeyDownloadUnlocked(ca, serial, at, "owner verified by phone", "carol", later),
        new io.eventca.events.registry.KeyDownloadUnlocked(ca, serial, at, null, "carol", later));
  }

  private static String pem(String label) {
    return "-----BEGIN " + label + "-----\nMIIB\n-----END " + label + "-----\n";
  }
}
