package io.eventca.issuer;

import io.eventca.custody.KekWrappedCustody;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import io.eventca.issuer.ca.CaCertificateFactory;
import io.eventca.issuer.crypto.Pem;
import io.eventca.issuer.state.IssuingCa;
import io.eventca.testkit.Csrs;
import java.security.KeyPair;
import java.time.Instant;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

/** A real CA for unit tests: EC P-256 key, self-signed by the production factory, key wrapped by real custody. */
public final class TestCa {
  public static final KekWrappedCustody CUSTODY = new KekWrappedCustody("kek-1", new byte[32]);

  public final KeyPair keys;
  public final X509CertificateHolder certificate;
  public final CaCreated created;
  public final CaKeyStored stored;

  private TestCa(KeyPair keys, X509CertificateHolder certificate, CaCreated created, CaKeyStored stored) {
    this.keys = keys;
    this.certificate = certificate;
    this.created = created;
    this.stored = stored;
  }

  public static TestCa ecP256(int validityDays, Instant now) {
    return ecP256(validityDays, now, null);
  }

  /** A root whose basicConstraints carry {@code pathLength} (null: none). */
  public static TestCa ecP256(int validityDays, Instant now, Integer pathLength) {
    CaId caId = CaId.random();
    KeyPair keys = Csrs.ecP256();
    X509CertificateHolder certificate =
        CaCertificateFactory.selfSigned(new X500Name("C=US,O=Example,CN=Test CA"), keys.getPublic(), signer(keys), validityDays, pathLength, now);
    CaCreated created =
        new CaCreated(caId, certificate.getSubject().toString(), SerialNumber.of(certificate.getSerialNumber()),
            certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), KeyAlgorithm.EC, 256, "sha256",
            Pem.of(certificate), null, pathLength, null);
    return new TestCa(keys, certificate, created, CUSTODY.store(caId, keys));
  }

  /** An RSA-2048 root: signing and verifying take other providers than for EC (SignatureAlgorithms.providerFor). */
  public static TestCa rsa2048(Instant now) {
    CaId caId = CaId.random();
    KeyPair keys = Csrs.rsa(2048);
    X509CertificateHolder certificate =
        CaCertificateFactory.selfSigned(new X500Name("C=US,O=Example,CN=Test RSA CA"), keys.getPublic(), signer(keys), 365, null, now);
    CaCreated created =
        new CaCreated(caId, certificate.getSubject().toString(), SerialNumber.of(certificate.getSerialNumber()),
            certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), KeyAlgorithm.RSA, 2048, "sha256",
            Pem.of(certificate), null, null, null);
    return new TestCa(keys, certificate, created, CUSTODY.store(caId, keys));
  }

  private static org.bouncycastle.operator.ContentSigner signer(KeyPair keys) {
    return io.eventca.custody.SignatureAlgorithms.signer(keys.getPrivate(), "sha256");
  }

  public static TestCa ecP256() {
    return ecP256(365, Instant.now());
  }

  public CaId caId() {
    return created.caId();
  }

  public IssuingCa issuing() {
    return new IssuingCa(created, certificate, stored);
  }
}
