package io.eventca.bench.crl;

import io.eventca.crl.codec.CrlEncoder;
import io.eventca.crl.codec.CrlEntries;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Re-issuing a CRL of N entries, RSA-2048 / SHA256withRSA: the naive Bouncy Castle build against crl-codec, and
 * what a revocation costs in a CA of that size. Run with {@code -prof gc} for allocation per operation; see
 * docs/BENCHMARKS.md for the commands. Every method returns the DER so that JMH cannot drop the work.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CrlBenchmarks {

  /** N revoked certificates, held both as a list (for Bouncy Castle) and as encoded entries (for crl-codec). */
  @State(Scope.Benchmark)
  public static class Full {
    @Param({"10000", "100000", "1000000"})
    public int entries;

    BenchCa ca;
    List<Revocations.Revocation> revoked;
    CrlEntries encoded;
    Revocations more;
    long crlNumber;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
      ca = new BenchCa();
      Revocations source = new Revocations(entries);
      revoked = new ArrayList<>(entries);
      source.forEach(entries, revoked::add);
      encoded = CrlBuilds.entries(revoked);
      // Revocations after the pre-fill come from another seed: no serial repeats one already present.
      more = new Revocations(-entries);
      crlNumber = 1;
      System.out.printf("%n[crl] %d entries: crl-codec CRL %d bytes (entries %d bytes)%n", entries,
          CrlEncoder.encode(CrlBuilds.header(ca, crlNumber, null), encoded, ca.signer()).length,
          encoded.encodedLength());
    }
  }

  /** A delta CRL carrying the one revocation since its base. */
  @State(Scope.Benchmark)
  public static class Delta {
    BenchCa ca;
    CrlEntries sinceBase;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
      ca = new BenchCa();
      sinceBase = new CrlEntries();
      CrlBuilds.add(sinceBase, new Revocations(7).next());
      System.out.printf("%n[crl] delta CRL with 1 entry: %d bytes%n",
          CrlEncoder.encode(CrlBuilds.header(ca, 2, 1L), sinceBase, ca.signer()).length);
    }
  }

  @Benchmark
  public byte[] naiveBouncyCastle(Full s) {
    return CrlBuilds.bouncyCastle(s.ca, s.revoked, s.crlNumber);
  }

  @Benchmark
  public byte[] crlCodecFull(Full s) {
    return CrlEncoder.encode(CrlBuilds.header(s.ca, s.crlNumber, null), s.encoded, s.ca.signer());
  }

  /**
   * One more revocation, then the whole CRL again: the CA's path after each revocation. The CRL grows by one entry
   * per call (a few hundred over a run, nothing against N), as it would in a CA.
   */
  @Benchmark
  public byte[] afterRevocation(Full s) {
    CrlBuilds.add(s.encoded, s.more.next());
    return CrlEncoder.encode(CrlBuilds.header(s.ca, ++s.crlNumber, null), s.encoded, s.ca.signer());
  }

  @Benchmark
  public byte[] deltaCrlOneEntry(Delta s) {
    return CrlEncoder.encode(CrlBuilds.header(s.ca, 2, 1L), s.sinceBase, s.ca.signer());
  }
}
