package io.eventca.crl.ocsp;

import io.eventca.crl.state.CaCrlState;
import io.eventca.crl.state.CrlProjection;
import io.eventca.events.ids.CaId;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Finds the CA a CertID names by its issuerNameHash and issuerKeyHash. The hashes of each CA are computed once,
 * the first time a request misses, for SHA-1 (what OpenSSL and most clients send) and SHA-256; a CertID with
 * any other hash finds no CA.
 */
final class IssuerIndex {
  static final List<AlgorithmIdentifier> HASHES =
      List.of(CertificateID.HASH_SHA1, new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));

  private final CrlProjection projection;
  private final DigestCalculatorProvider digests;
  private final Set<CaId> indexed = ConcurrentHashMap.newKeySet();
  private final Map<String, CaId> byHashes = new ConcurrentHashMap<>();

  IssuerIndex(CrlProjection projection) {
    this.projection = projection;
    try {
      this.digests = new JcaDigestCalculatorProviderBuilder().build();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("no digest provider", e);
    }
  }

  Optional<CaCrlState> find(CertificateID id) {
    String key = key(id.getHashAlgOID(), id.getIssuerNameHash(), id.getIssuerKeyHash());
    CaId caId = byHashes.get(key);
    if (caId == null) {
      indexNewCas();
      caId = byHashes.get(key);
    }
    return caId == null ? Optional.empty() : projection.find(caId);
  }

  private void indexNewCas() {
    for (CaCrlState ca : projection.all()) {
      X509Certificate certificate = ca.certificate();
      if (certificate != null && indexed.add(ca.caId())) {
        index(ca.caId(), certificate);
      }
    }
  }

  private void index(CaId caId, X509Certificate certificate) {
    try {
      X509CertificateHolder holder = new JcaX509CertificateHolder(certificate);
      for (AlgorithmIdentifier hash : HASHES) {
        CertificateID id = new CertificateID(digests.get(hash), holder, BigInteger.ONE);
        byHashes.putIfAbsent(key(hash.getAlgorithm(), id.getIssuerNameHash(), id.getIssuerKeyHash()), caId);
      }
    } catch (CertificateEncodingException | OCSPException | OperatorCreationException e) {
      indexed.remove(caId);
      throw new IllegalStateException("cannot hash the certificate of CA " + caId, e);
    }
  }

  private static String key(ASN1ObjectIdentifier hash, byte[] nameHash, byte[] keyHash) {
    HexFormat hex = HexFormat.of();
    return hash.getId() + "/" + hex.formatHex(nameHash) + "/" + hex.formatHex(keyHash);
  }
}
