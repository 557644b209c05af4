package io.eventca.crl.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.Test;

class CrlEntriesTest {
  private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void firstRevocationCountsAndLaterOnesAreIgnored() {
    CrlEntries entries = new CrlEntries();
    entries.add(BigInteger.TWO, T, 1, null);
    long length = entries.encodedLength();
    entries.add(BigInteger.TWO, T.plusSeconds(99), 4, T);
    assertThat(entries.size()).isEqualTo(1);
    assertThat(entries.encodedLength()).isEqualTo(length);
  }

  @Test
  void removeContainsAndSize() {
    CrlEntries entries = new CrlEntries();
    entries.add(BigInteger.ONE, T, 0, null);
    entries.add(BigInteger.TWO, T, 0, null);
    assertThat(entries.contains(BigInteger.ONE)).isTrue();
    assertThat(entries.remove(BigInteger.ONE)).isTrue();
    assertThat(entries.remove(BigInteger.ONE)).isFalse();
    assertThat(entries.remove(BigInteger.TEN)).isFalse();
    assertThat(entries.contains(BigInteger.ONE)).isFalse();
    assertThat(entries.size()).isEqualTo(1);
    entries.remove(BigInteger.TWO);
    assertThat(entries.size()).isZero();
    assertThat(entries.encodedLength()).isZero();
  }

  @Test
  void aRemovedSerialCanBeRevokedAgain() {
    CrlEntries entries = new CrlEntries();
    entries.add(BigInteger.ONE, T, 0, null);
    entries.remove(BigInteger.ONE);
    entries.add(BigInteger.ONE, T, 1, null);
    assertThat(entries.contains(BigInteger.ONE)).isTrue();
    assertThat(entries.size()).isEqualTo(1);
  }

  @Test
  void encodedLengthIsTheSizeOfTheRevokedCertificatesContent() throws Exception {
    TestCa ca = TestCa.ec();
    CrlEntries entries = new CrlEntries();
    List<Revocation> rs = Revocation.random(1_000, 1, T);
    rs.forEach(r -> r.addTo(entries));
    for (int i = 0; i < 1_000; i += 3) {
      entries.remove(rs.get(i).serial());
    }
    CrlEncoder.Header h = new CrlEncoder.Header(ca.name(), ca.keyId(), 1, null, T, T.plusSeconds(60), List.of());
    TBSCertList tbs = new X509CRLHolder(CrlEncoder.encode(h, entries, ca.signer())).toASN1Structure()
        .getTBSCertList();
    long sum = 0;
    for (TBSCertList.CRLEntry e : tbs.getRevokedCertificates()) {
      sum += e.getEncoded(ASN1Encoding.DER).length;
    }
    assertThat(tbs.getRevokedCertificates()).hasSize(entries.size());
    assertThat(entries.encodedLength()).isEqualTo(sum);
  }

  @Test
  void rejectsWhatRfc5280Forbids() {
    CrlEntries entries = new CrlEntries();
    assertThatThrownBy(() -> entries.add(BigInteger.ZERO, T, 0, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> entries.add(BigInteger.valueOf(-5), T, 0, null))
        .isInstanceOf(IllegalArgumentException.class);
    // 2^159 needs a sign octet: 21 octets.
    assertThatThrownBy(() -> entries.add(BigInteger.ONE.shiftLeft(159), T, 0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> entries.add(BigInteger.ONE, T, 7, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> entries.add(BigInteger.ONE, T, 11, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> entries.add(BigInteger.ONE, T, -1, null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(entries.size()).isZero();
    assertThat(entries.encodedLength()).isZero();
  }
}
