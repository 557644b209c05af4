package io.eventca.bench.crl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.util.Set;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each benchmark body once on 100 entries: it must make a CRL that parses and verifies. No timing, ever. */
class CrlBenchmarksSmokeTest {
  private static final int N = 100;
  private static CrlBenchmarks.Full full;
  private static final CrlBenchmarks bench = new CrlBenchmarks();

  @BeforeAll
  static void setUp() throws Exception {
    full = new CrlBenchmarks.Full();
    full.entries = N;
    full.setUp();
  }

  private static X509CRL parse(byte[] der) throws Exception {
    X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    crl.verify(full.ca.publicKey());
    return crl;
  }

  private static Set<? extends X509CRLEntry> entries(X509CRL crl) {
    return crl.getRevokedCertificates();
  }

  @Test
  void naiveBouncyCastleAndCrlCodecMakeTheSameCrl() throws Exception {
    byte[] naive = bench.naiveBouncyCastle(full);
    byte[] codec = bench.crlCodecFull(full);
    assertThat(entries(parse(naive))).hasSize(N);
    // SHA256withRSA is deterministic: the same inputs give the same bytes.
    assertThat(codec).isEqualTo(naive);
  }

  @Test
  void entriesCarryTheBenchmarkMix() throws Exception {
    X509CRL crl = parse(bench.crlCodecFull(full));
    long compromised = entries(crl).stream().filter(e -> e.getRevocationReason() == CRLReason.KEY_COMPROMISE).count();
    long withInvalidity = entries(crl).stream()
        .filter(e -> e.getExtensionValue(Extension.invalidityDate.getId()) != null).count();
    assertThat(compromised).isEqualTo(N / 2);
    assertThat(withInvalidity).isEqualTo(N / 4);
    assertThat(entries(crl)).allSatisfy(e -> assertThat(e.getSerialNumber().bitLength()).isBetween(1, 128));
  }

  @Test
  void afterRevocationAddsOneEntry() throws Exception {
    CrlBenchmarks.Full own = new CrlBenchmarks.Full();
    own.entries = N;
    own.setUp();
    X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
        .generateCRL(new ByteArrayInputStream(bench.afterRevocation(own)));
    crl.verify(own.ca.publicKey());
    assertThat(entries(crl)).hasSize(N + 1);
  }

  @Test
  void deltaCrlHasOneEntryAndACriticalIndicator() throws Exception {
    CrlBenchmarks.Delta delta = new CrlBenchmarks.Delta();
    delta.setUp();
    byte[] der = bench.deltaCrlOneEntry(delta);
    X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    crl.verify(delta.ca.publicKey());
    assertThat(entries(crl)).hasSize(1);
    assertThat(crl.getCriticalExtensionOIDs()).containsExactly(Extension.deltaCRLIndicator.getId());
  }
}
