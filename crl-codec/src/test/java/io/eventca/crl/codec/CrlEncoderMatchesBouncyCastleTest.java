package io.eventca.crl.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RSA PKCS#1 v1.5 signatures are deterministic, so the hand-written CRL must equal Bouncy Castle's byte for byte,
 * signature included.
 */
class CrlEncoderMatchesBouncyCastleTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:15:30Z");
  private static TestCa ca;

  @BeforeAll
  static void makeCa() {
    ca = TestCa.rsa();
  }

  private static CrlEncoder.Header header(long number, Long deltaBase, Instant thisUpdate, List<Extension> extras) {
    return new CrlEncoder.Header(ca.name(), ca.keyId(), number, deltaBase, thisUpdate,
        thisUpdate.plusSeconds(7 * 86_400), extras);
  }

  private static CrlEncoder.Header header(long number) {
    return header(number, null, NOW, List.of());
  }

  private static void assertSameAsBouncyCastle(CrlEncoder.Header h, List<Revocation> revocations) throws Exception {
    CrlEntries entries = new CrlEntries();
    revocations.forEach(r -> r.addTo(entries));
    assertSameAsBouncyCastle(h, entries, revocations);
  }

  private static void assertSameAsBouncyCastle(CrlEncoder.Header h, CrlEntries entries, List<Revocation> expected)
      throws Exception {
    byte[] ours = CrlEncoder.encode(h, entries, ca.signer());
    byte[] bc = BcReference.build(h, expected, ca.signer());
    int at = Arrays.mismatch(ours, bc);
    // Printing two whole CRLs hides where they part; the offset and a few bytes around it tell.
    assertThat(at).as(() -> "first difference at byte " + at + " of " + ours.length + "/" + bc.length
        + ": ours " + hexAround(ours, at) + ", Bouncy Castle " + hexAround(bc, at)).isEqualTo(-1);
  }

  private static String hexAround(byte[] b, int at) {
    int from = Math.max(0, at - 8);
    return HexFormat.of().formatHex(b, from, Math.min(b.length, at + 8));
  }

  @Test
  void empty() throws Exception {
    assertSameAsBouncyCastle(header(1), List.of());
  }

  @Test
  void oneEntry() throws Exception {
    assertSameAsBouncyCastle(header(2),
        List.of(new Revocation(BigInteger.valueOf(0x1234_5678L), NOW.minusSeconds(60), 1, NOW.minusSeconds(3600))));
  }

  @Test
  void oneEntryWithoutExtensions() throws Exception {
    assertSameAsBouncyCastle(header(2), List.of(new Revocation(BigInteger.TEN, NOW.minusSeconds(60), 0, null)));
  }

  @Test
  void manyEntriesWithEveryReasonAndSerialSize() throws Exception {
    assertSameAsBouncyCastle(header(3), Revocation.random(2_000, 42, NOW));
  }

  @Test
  void largestSerialAndEntry() throws Exception {
    BigInteger twentyOctets = BigInteger.ONE.shiftLeft(159).subtract(BigInteger.ONE);
    Instant gen = Instant.parse("2051-01-01T00:00:00Z");
    assertSameAsBouncyCastle(header(4, null, gen, List.of()),
        List.of(new Revocation(twentyOctets, gen.minusSeconds(1), 10, gen.minusSeconds(2))));
  }

  @Test
  void entryRemoved() throws Exception {
    List<Revocation> all = Revocation.random(50, 7, NOW);
    CrlEntries entries = new CrlEntries();
    all.forEach(r -> r.addTo(entries));
    List<Revocation> left = new ArrayList<>(all);
    Revocation gone = left.remove(17);
    assertThat(entries.remove(gone.serial())).isTrue();
    assertSameAsBouncyCastle(header(5), entries, left);
  }

  @Test
  void afterCompactionAndFurtherChanges() throws Exception {
    List<Revocation> all = Revocation.random(20_000, 11, NOW);
    CrlEntries entries = new CrlEntries();
    all.forEach(r -> r.addTo(entries));
    Random rnd = new Random(3);
    List<Revocation> left = new ArrayList<>();
    // Removing 90% leaves far more dead bytes than live ones, which makes CrlEntries compact along the way.
    for (Revocation r : all) {
      if (rnd.nextInt(10) == 0) {
        left.add(r);
      } else {
        assertThat(entries.remove(r.serial())).isTrue();
      }
    }
    assertSameAsBouncyCastle(header(6), entries, left);

    List<Revocation> more = Revocation.random(300, 12, NOW.plusSeconds(10));
    more.forEach(r -> r.addTo(entries));
    left.addAll(more);
    Revocation gone = left.remove(5);
    entries.remove(gone.serial());
    assertSameAsBouncyCastle(header(7), entries, left);
  }

  @Test
  void deltaCrl() throws Exception {
    assertSameAsBouncyCastle(header(12, 10L, NOW, List.of()), Revocation.random(3, 5, NOW));
  }

  @Test
  void datesFrom2050UseGeneralizedTime() throws Exception {
    Instant later = Instant.parse("2050-06-30T23:59:59Z");
    List<Revocation> rs = List.of(
        new Revocation(BigInteger.valueOf(1), Instant.parse("2049-12-31T23:59:59Z"), 4, later),
        new Revocation(BigInteger.valueOf(2), Instant.parse("2050-01-01T00:00:00Z"), 0, null),
        new Revocation(BigInteger.valueOf(3), later, 1, Instant.parse("2049-01-01T00:00:00Z")));
    assertSameAsBouncyCastle(header(8, null, later, List.of()), rs);
  }

  @Test
  void thisUpdateIn2049AndNextUpdateIn2050() throws Exception {
    Instant t = Instant.parse("2049-12-30T00:00:00Z");
    assertSameAsBouncyCastle(header(9, null, t, List.of()), Revocation.random(4, 9, t));
  }

  @Test
  void extraExtensionsComeAfterTheOwnOnes() throws Exception {
    IssuingDistributionPoint idp = new IssuingDistributionPoint(
        new DistributionPointName(new GeneralNames(
            new GeneralName(GeneralName.uniformResourceIdentifier, "http://crl.example/ca.crl"))),
        true, false);
    Extension extra = new Extension(Extension.issuingDistributionPoint, true, idp.getEncoded(ASN1Encoding.DER));
    assertSameAsBouncyCastle(header(10, 9L, NOW, List.of(extra)), Revocation.random(10, 13, NOW));
  }

  @Test
  void bigCrlNumber() throws Exception {
    assertSameAsBouncyCastle(header(Long.MAX_VALUE, Long.MAX_VALUE - 1, NOW, List.of()), List.of());
  }

  @Test
  void rejectsAHeaderRfc5280Forbids() {
    CrlEntries entries = new CrlEntries();
    assertThatThrownBy(() -> CrlEncoder.encode(header(5, 5L, NOW, List.of()), entries, ca.signer()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CrlEncoder.encode(
        new CrlEncoder.Header(ca.name(), ca.keyId(), 1, null, NOW, NOW, List.of()), entries, ca.signer()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CrlEncoder.encode(
        new CrlEncoder.Header(ca.name(), ca.keyId(), 1, null, NOW, null, List.of()), entries, ca.signer()))
        .isInstanceOf(NullPointerException.class);
    Extension repeated = new Extension(Extension.cRLNumber, false, new byte[] {0x02, 0x01, 0x05});
    assertThatThrownBy(() -> CrlEncoder.encode(header(1, null, NOW, List.of(repeated)), entries, ca.signer()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
