package io.eventca.ca;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.cert.Channel;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import io.eventca.testkit.Csrs;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.openssl.PEMParser;
import java.io.StringReader;

/**
 * Plays the issuer-worker's part in ca-service tests: answers requests with the events the real worker
 * would write. ca-service only projects them, so what matters is that they are well-formed facts.
 */
final class FakeIssuer {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final KeyPair caKeys = Csrs.ecP256();

  /** The key of every CA this fake creates, for a CSR that carries it. */
  KeyPair caKeys() {
    return caKeys;
  }

  CaCreated created(CaCreationRequested request) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant notAfter = now.plus(request.validityDays(), ChronoUnit.DAYS);
    String dn = "CN=" + request.subject().commonName();
    X509CertificateHolder cert = sign(new X500Name(dn), new X500Name(dn), caKeys.getPublic(), now, notAfter, true);
    return new CaCreated(request.caId(), dn, SerialNumber.of(cert.getSerialNumber()), now, notAfter, KeyAlgorithm.EC, 256,
        request.digest(), Csrs.pem(cert), request.parentCaId(), request.pathLength(), request.sha1OptIn());
  }

  CertificateIssued issued(CertificateRequested request, String caCommonName) {
    try (PEMParser parser = new PEMParser(new StringReader(request.csrPem()))) {
      PKCS10CertificationRequest csr = (PKCS10CertificationRequest) parser.readObject();
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      Instant notAfter = now.plus(request.validityDays(), ChronoUnit.DAYS);
      X509CertificateHolder cert =
          sign(new X500Name("CN=" + caCommonName), csr.getSubject(),
              new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo()), now, notAfter, false);
      return new CertificateIssued(request.caId(), request.requestId(), SerialNumber.of(cert.getSerialNumber()),
          csr.getSubject().toString(), request.profile(), now, notAfter, Csrs.pem(cert), request.host(),
          request.digestOrDefault(), request.sha1OptIn());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A certificate issued straight as a fact, as the worker would write it for a request of {@code requestedBy} over
   * {@code channel}: for the history's tests, which need names, keys, lifetimes and requesters of their choosing.
   */
  CertificateIssued issuedDirectly(CaId caId, String caCommonName, String subject, java.util.List<GeneralName> names, KeyPair key,
      String profile, Instant notBefore, Instant notAfter, String requestedBy, Channel channel) {
    RequestId requestId = RequestId.random();
    X509CertificateHolder cert = sign(new X500Name("CN=" + caCommonName), new X500Name(subject), key.getPublic(), notBefore, notAfter,
        false, names);
    return new CertificateIssued(caId, requestId, SerialNumber.of(cert.getSerialNumber()), subject, profile, notBefore, notAfter,
        Csrs.pem(cert), null, "sha256", null, null, requestedBy, channel);
  }

  private X509CertificateHolder sign(X500Name issuer, X500Name subject, java.security.PublicKey key, Instant from, Instant to, boolean ca) {
    return sign(issuer, subject, key, from, to, ca, java.util.List.of());
  }

  private X509CertificateHolder sign(X500Name issuer, X500Name subject, java.security.PublicKey key, Instant from, Instant to, boolean ca,
      java.util.List<GeneralName> names) {
    try {
      org.bouncycastle.cert.X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).setBit(63), Date.from(from), Date.from(to), subject, key)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (!names.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
      }
      return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static CaId anyCaId() {
    return CaId.random();
  }
}
