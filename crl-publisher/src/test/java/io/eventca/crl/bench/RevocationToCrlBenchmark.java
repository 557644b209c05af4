package io.eventca.crl.bench;

import io.eventca.crl.PublisherNode;
import io.eventca.crl.TestCa;
import io.eventca.crl.TestCrlConfig;
import io.eventca.crl.sign.Pem;
import io.eventca.crl.state.CaCrlState;
import io.eventca.crl.state.PublishedCrl;
import io.eventca.custody.KekWrappedCustody;
import io.eventca.events.RevocationReason;
import io.eventca.events.Topic;
import io.eventca.events.Topics;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.crl.CrlPublished;
import io.eventca.events.crl.RevocationPublished;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.ids.SerialNumber;
import io.eventca.service.KafkaClients;
import io.eventca.testkit.KafkaBroker;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * From one revocation to the committed CRL that lists it, for a CA that already has N revoked certificates, on
 * the in-JVM broker with one {@link PublisherNode}. Not a test: run it with {@code crl-publisher/revocation-bench.sh},
 * one mode per JVM, so heap and JIT state of one mode never colour the other's figures.
 *
 * <p>Usage: {@code RevocationToCrlBenchmark [--mode delta|full] [--revocations R] [--delta-from D] [--any-ca] [N]}.
 */
public final class RevocationToCrlBenchmark {
  /** delta: a large CA answers a revocation with a delta CRL; full: it re-issues the whole CRL every time. */
  public enum Mode {
    DELTA,
    FULL
  }

  /**
   * @param anyCa false: a CA whose full and delta CRL keys fall on one partition of eventca.crls (see
   *     {@link #caWithCrlsOnOnePartition}); true: the first random CA, which may make the node re-issue its full CRL
   *     without end
   */
  public record Settings(int revoked, int revocations, Mode mode, int deltaFrom, Duration batchDelay, boolean anyCa) {
    public static Settings of(Mode mode, int revoked, int revocations) {
      return new Settings(revoked, revocations, mode, mode == Mode.FULL ? Integer.MAX_VALUE : 10_000, Duration.ofMillis(100), false);
    }

    public Settings withDeltaFrom(int entries) {
      return new Settings(revoked, revocations, mode, entries, batchDelay, anyCa);
    }

    public Settings withAnyCa() {
      return new Settings(revoked, revocations, mode, deltaFrom, batchDelay, true);
    }
  }

  /**
   * One measured revocation. {@code committedNanos}: from just before the send to when the read_committed consumer
   * got the CRL that lists it; {@code seenNanos}: until the node's projection held the revocation (-1 if the CRL came
   * first); {@code sentMillis}: the CRL record's CreateTime, i.e. when the node handed the signed CRL to its producer.
   * The harness only stops the clock at a CRL whose decoded entries include {@code serial}.
   */
  public record Measured(
      SerialNumber serial, long committedNanos, long seenNanos, long sentMillis, CrlPublished crl, int entriesDecoded) {}

  public record Result(
      Settings settings,
      long writeNanos,
      long writtenRecords,
      long replayNanos,
      long firstFullNanos,
      CrlPublished firstFull,
      long feedRecordsAtStart,
      long heapBeforeNode,
      long heapReady,
      long heapAfter,
      List<Measured> measured,
      List<CrlPublished> afterSetUp) {}

  private static final Duration WAIT = Duration.ofMinutes(10);
  private static final Duration PER_REVOCATION = Duration.ofSeconds(60);
  private static final int PARTITIONS = 6;
  /** The node's cycle tick (PublisherNode.TICK, package-private there), printed so readers know the granularity. */
  private static final long TICK_MILLIS = 250;
  /** Untimed pauses between revocations are drawn up to this, so revocations land at random phases of the tick. */
  private static final int MAX_PAUSE_MILLIS = 500;

  private RevocationToCrlBenchmark() {}

  public static void main(String[] args) {
    quietLogging();
    try {
      runMain(args);
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(1);
    }
    // The broker and the Kafka clients leave non-daemon threads; the shutdown hook of KafkaBroker stops the broker.
    System.exit(0);
  }

  private static void runMain(String[] args) throws Exception {
    Mode mode = Mode.DELTA;
    int revocations = 10;
    Integer deltaFrom = null;
    boolean anyCa = false;
    int revoked = 1_000_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mode" -> mode = Mode.valueOf(args[++i].toUpperCase(Locale.ROOT));
        case "--revocations" -> revocations = Integer.parseInt(args[++i]);
        case "--delta-from" -> deltaFrom = Integer.parseInt(args[++i]);
        case "--any-ca" -> anyCa = true;
        default -> revoked = Integer.parseInt(args[i].replace("_", "").replace(",", ""));
      }
    }
    Settings settings = Settings.of(mode, revoked, revocations);
    if (deltaFrom != null) {
      settings = settings.withDeltaFrom(deltaFrom);
    }
    if (anyCa) {
      settings = settings.withAnyCa();
    }
    Result result = run(KafkaBroker.bootstrapServers(), settings, System.out);
    summary(result, System.out);
    System.out.flush();
  }

  /** Set-up, start of one node, then {@code settings.revocations()} measured revocations; prints as it goes. */
  public static Result run(String bootstrap, Settings settings, PrintStream out) throws Exception {
    int n = settings.revoked();
    out.printf(Locale.ROOT, "[bench] mode=%s N=%,d revocations=%d batch-delay=%s deltaFrom=%s cycle tick=%d ms, JVM %s, max heap %,d MB%n",
        settings.mode().name().toLowerCase(Locale.ROOT), n, settings.revocations(), settings.batchDelay(),
        settings.deltaFrom() == Integer.MAX_VALUE ? "Integer.MAX_VALUE" : String.valueOf(settings.deltaFrom()), TICK_MILLIS,
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    TestCa ca = settings.anyCa() ? TestCa.rsa() : caWithCrlsOnOnePartition();
    out.printf(Locale.ROOT, "[bench] CA %s: full CRLs on partition %d of eventca.crls, delta CRLs on partition %d%s%n", ca.caId().value(),
        partitionOfKey(ca.caId().value()), partitionOfKey(ca.caId().value() + ".delta"),
        settings.anyCa() ? " (--any-ca)" : " (chosen so: see caWithCrlsOnOnePartition)");
    KekWrappedCustody custody = KekWrappedCustody.fromBase64("kek-1", TestCa.TEST_KEK);
    TestCrlConfig d = TestCrlConfig.defaults();
    TestCrlConfig config = new TestCrlConfig(d.validity(), d.refreshBefore(), settings.batchDelay(), d.keepExpired(),
        settings.deltaFrom(), d.fullInterval(), d.maxEventBytes(), d.baseUrl(), d.advertisedUrl(), d.httpMaxAge());
    EventCodec codec = new EventCodec("bench");
    SplittableRandom random = new SplittableRandom(42);

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Topics.ensureAll(admin, PARTITIONS, (short) 1);
    }

    // Set-up: the log of a CA that has been revoking for a while and whose feed has announced everything.
    long writeStart = System.nanoTime();
    long written = writeLog(bootstrap, codec, ca, n, random);
    long writeNanos = System.nanoTime() - writeStart;
    out.printf(Locale.ROOT, "[bench] set-up: wrote %,d records (CaCreated, CaKeyStored, %,d CertificateRevoked, %,d RevocationPublished) in %.1f s%n",
        written, n, n, seconds(writeNanos));

    long feedBefore = endOffsetSum(bootstrap, Topic.REVOCATION_FEED);
    long heapBeforeNode = heapAfterGc();
    out.printf(Locale.ROOT, "[bench] heap used before the node (broker, clients, harness): %,d MB%n", heapBeforeNode >> 20);

    try (KafkaConsumer<String, byte[]> crls = crlConsumer(bootstrap);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producer(bootstrap, "bench-revoker"))) {
      long nodeStart = System.nanoTime();
      PublisherNode node = new PublisherNode(bootstrap, "bench-" + settings.mode().name().toLowerCase(Locale.ROOT), PARTITIONS,
          (short) 1, custody, config);
      try {
        awaitTrue(node::isReady, WAIT, "the node to replay the log");
        long replayNanos = System.nanoTime() - nodeStart;
        out.printf(Locale.ROOT, "[bench] node ready (log replayed) after %.1f s%n", seconds(replayNanos));

        CrlPublished firstFull = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (firstFull == null && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, byte[]> record : crls.poll(Duration.ofMillis(50))) {
            CrlPublished crl = decode(record);
            if (crl.caId().equals(ca.caId()) && !crl.isDelta() && crl.revokedCount() == n) {
              firstFull = crl;
            }
          }
        }
        if (firstFull == null) {
          throw new IllegalStateException("no full CRL with " + n + " entries within " + WAIT);
        }
        long firstFullNanos = System.nanoTime() - nodeStart;
        CaCrlState state = node.projection().find(ca.caId()).orElseThrow();
        long firstNumber = firstFull.crlNumber();
        // Its delta is in the same transaction. Once the node has read both back it should publish nothing more.
        awaitTrue(() -> state.delta() != null && state.delta().event().baseCrlNumber() == firstNumber && state.full() != null
            && state.full().event().crlNumber() == firstNumber, WAIT, "the node to read its first CRLs back");
        drain(crls);
        List<CrlPublished> unasked = crlsOf(crls, ca, Duration.ofMillis(4 * TICK_MILLIS));
        if (!unasked.isEmpty()) {
          throw new IllegalStateException("the node is not in a steady state: with no revocation it published CRLs "
              + unasked.stream().map(c -> "#" + c.crlNumber() + (c.isDelta() ? " delta" : " full")).toList()
              + " (a full CRL sent by reference whose DER the node dropped, so it re-issues it at every tick?)");
        }
        long feedAtStart = endOffsetSum(bootstrap, Topic.REVOCATION_FEED) - feedBefore;
        out.printf(Locale.ROOT, "[bench] first full CRL #%d (%,d entries, %,d bytes, %s) committed %.1f s after the node started;"
                + " feed records it announced: %d%n",
            firstFull.crlNumber(), firstFull.revokedCount(), firstFull.crlSize(), firstFull.crlPem() == null ? "by reference" : "whole",
            seconds(firstFullNanos), feedAtStart);

        long heapReady = heapAfterGc();
        out.printf(Locale.ROOT, "[bench] retained heap with %,d revoked: %,d MB used (%,d MB more than before the node)%n", n,
            heapReady >> 20, (heapReady - heapBeforeNode) >> 20);

        List<Measured> measured = new ArrayList<>();
        List<CrlPublished> afterSetUp = new ArrayList<>();
        for (int i = 1; i <= settings.revocations(); i++) {
          Thread.sleep(random.nextInt(MAX_PAUSE_MILLIS));
          Measured m = revokeOne(codec, producer, crls, state, settings.mode(), newSerial(random), afterSetUp);
          measured.add(m);
          out.printf(Locale.ROOT, "[bench] revocation %2d: CRL #%d (%s, %,d entries, %,d bytes) committed after %6.1f ms"
                  + " (node had the revocation at %s, handed the signed CRL to its producer at +%d ms)%n",
              i, m.crl().crlNumber(), m.crl().isDelta() ? "delta" : "full", m.crl().revokedCount(), m.crl().crlSize(),
              millis(m.committedNanos()), m.seenNanos() < 0 ? "?" : String.format(Locale.ROOT, "+%.1f ms", millis(m.seenNanos())),
              m.sentMillis());
        }
        long heapAfter = heapAfterGc();
        out.printf(Locale.ROOT, "[bench] heap used after the revocations: %,d MB%n", heapAfter >> 20);
        return new Result(settings, writeNanos, written, replayNanos, firstFullNanos, firstFull, feedAtStart, heapBeforeNode,
            heapReady, heapAfter, measured, afterSetUp);
      } finally {
        node.close();
      }
    }
  }

  private static Measured revokeOne(EventCodec codec, KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> crls,
      CaCrlState state, Mode mode, SerialNumber serial, List<CrlPublished> afterSetUp) throws Exception {
    CertificateRevoked event = new CertificateRevoked(state.caId(), serial, RevocationReason.keyCompromise,
        Instant.now().truncatedTo(ChronoUnit.SECONDS), null, "bench");
    long wallStart = System.currentTimeMillis();
    long start = System.nanoTime();
    producer.send(codec.toRecord(event)).get();
    long seen = -1;
    long deadline = start + PER_REVOCATION.toNanos();
    while (System.nanoTime() < deadline) {
      ConsumerRecords<String, byte[]> records = crls.poll(Duration.ofMillis(5));
      long now = System.nanoTime();
      if (seen < 0 && state.revocation(serial).isPresent()) {
        seen = System.nanoTime() - start;
      }
      // The whole batch first: a CRL and its partner in the same transaction may arrive in either order.
      List<ConsumerRecord<String, byte[]>> ours = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> record : records) {
        CrlPublished crl = decode(record);
        if (crl.caId().equals(state.caId())) {
          afterSetUp.add(crl);
          ours.add(record);
          if (mode == Mode.DELTA && !crl.isDelta()) {
            throw new IllegalStateException("delta mode, yet full CRL #" + crl.crlNumber() + " was published (is N below deltaFrom?)");
          }
        }
      }
      for (ConsumerRecord<String, byte[]> record : ours) {
        CrlPublished crl = decode(record);
        if (crl.isDelta() != (mode == Mode.DELTA)) {
          continue; // full mode: the delta on the new full CRL, committed with it
        }
        int[] listing = listing(der(crl, state), serial.toBigInteger());
        if (listing[1] == 1) {
          if (mode == Mode.FULL) {
            awaitPartnerDelta(crls, crl, afterSetUp);
          }
          long number = crl.crlNumber();
          // Read back by the node before the next revocation, so each one starts from the same steady state.
          awaitTrue(() -> published(state, crl.isDelta()) >= number, PER_REVOCATION, "the node to read CRL " + number + " back");
          return new Measured(serial, now - start, seen, record.timestamp() - wallStart, crl, listing[0]);
        }
      }
    }
    throw new IllegalStateException("no " + mode.name().toLowerCase(Locale.ROOT) + " CRL listing " + serial + " within " + PER_REVOCATION);
  }

  private static long published(CaCrlState state, boolean delta) {
    PublishedCrl crl = delta ? state.delta() : state.full();
    return crl == null ? 0 : crl.event().crlNumber();
  }

  private static void awaitPartnerDelta(KafkaConsumer<String, byte[]> crls, CrlPublished full, List<CrlPublished> afterSetUp) {
    long deadline = System.nanoTime() + PER_REVOCATION.toNanos();
    if (afterSetUp.stream().anyMatch(c -> c.isDelta() && c.baseCrlNumber() == full.crlNumber())) {
      return;
    }
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> record : crls.poll(Duration.ofMillis(20))) {
        CrlPublished crl = decode(record);
        if (crl.caId().equals(full.caId())) {
          afterSetUp.add(crl);
          if (crl.isDelta() && crl.baseCrlNumber() == full.crlNumber()) {
            return;
          }
        }
      }
    }
    throw new IllegalStateException("no delta CRL on full CRL " + full.crlNumber());
  }

  /** The CRL's DER: from the event, or (by reference) from the node that built it, checked against the event's hash. */
  private static byte[] der(CrlPublished crl, CaCrlState state) {
    if (crl.crlPem() != null) {
      return Pem.derOfCrl(crl.crlPem());
    }
    AtomicReference<byte[]> found = new AtomicReference<>();
    awaitTrue(() -> {
      PublishedCrl held = crl.isDelta() ? state.delta() : state.full();
      if (held != null && held.event().crlNumber() == crl.crlNumber() && held.held()) {
        found.set(held.der());
      }
      return found.get() != null;
    }, PER_REVOCATION, "the node to hold CRL " + crl.crlNumber());
    byte[] der = found.get();
    if (!sha256(der).equals(crl.crlSha256())) {
      throw new IllegalStateException("the DER the node holds for CRL " + crl.crlNumber() + " is not the one its event names");
    }
    return der;
  }

  /**
   * Walks the DER down to revokedCertificates without building an object per entry (a million entries would
   * otherwise cost hundreds of MB of garbage between two measurements).
   *
   * @return {entries, 1 if {@code serial} is among them else 0}
   */
  static int[] listing(byte[] der, BigInteger serial) {
    byte[] wanted = serial.toByteArray();
    DerCursor c = new DerCursor(der);
    c.enter(0x30); // CertificateList
    int tbsEnd = c.enter(0x30);
    if (c.tag() == 0x02) {
      c.skip(); // version
    }
    c.skip(); // signature algorithm
    c.skip(); // issuer
    c.skip(); // thisUpdate
    if (c.pos < tbsEnd && (c.tag() == 0x17 || c.tag() == 0x18)) {
      c.skip(); // nextUpdate
    }
    int entries = 0;
    int found = 0;
    if (c.pos < tbsEnd && c.tag() == 0x30) {
      int listEnd = c.enter(0x30);
      while (c.pos < listEnd) {
        int entryEnd = c.enter(0x30);
        int serialEnd = c.enter(0x02);
        if (serialEnd - c.pos == wanted.length && Arrays.equals(der, c.pos, serialEnd, wanted, 0, wanted.length)) {
          found = 1;
        }
        c.pos = entryEnd;
        entries++;
      }
    }
    return new int[] {entries, found};
  }

  private static final class DerCursor {
    final byte[] der;
    int pos;

    DerCursor(byte[] der) {
      this.der = der;
    }

    int tag() {
      return der[pos] & 0xff;
    }

    /** Steps into the TLV at the cursor, which must have {@code tag}; returns where its content ends. */
    int enter(int tag) {
      if (tag() != tag) {
        throw new IllegalArgumentException(String.format("not a CRL: tag %02x at %d, expected %02x", tag(), pos, tag));
      }
      pos++;
      int first = der[pos++] & 0xff;
      int length;
      if (first < 0x80) {
        length = first;
      } else {
        length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
          length = (length << 8) | (der[pos++] & 0xff);
        }
      }
      return pos + length;
    }

    void skip() {
      pos = enter(tag());
    }
  }

  /** Writes the set-up log with one producer tuned for bulk: acks=1 and large batches are fine for facts we made up. */
  private static long writeLog(String bootstrap, EventCodec codec, TestCa ca, int n, SplittableRandom random) throws Exception {
    Properties props = KafkaClients.producer(bootstrap, "bench-setup");
    props.put(ProducerConfig.ACKS_CONFIG, "1");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
    props.put(ProducerConfig.LINGER_MS_CONFIG, "50");
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L << 20));
    AtomicReference<Exception> failure = new AtomicReference<>();
    long written = 0;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      producer.send(codec.toRecord(ca.created())).get();
      producer.send(codec.toRecord(ca.keyStored())).get();
      written += 2;
      // Days ago, as a long-lived CA's revocations are; all of them are on the first full CRL (feed crlNumber 1).
      Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(30, ChronoUnit.DAYS);
      for (int i = 0; i < n; i++) {
        SerialNumber serial = newSerial(random);
        Instant revokedAt = base.plusSeconds(i % (20 * 86_400));
        // The mix of the JMH CRL benchmarks: keyCompromise on every other entry, an invalidity date on every fourth.
        RevocationReason reason = i % 2 == 0 ? RevocationReason.keyCompromise : RevocationReason.unspecified;
        Instant invalid = i % 4 == 0 ? revokedAt.minus(1, ChronoUnit.DAYS) : null;
        CertificateRevoked revoked = new CertificateRevoked(ca.caId(), serial, reason, revokedAt, invalid, "operator-1");
        RevocationPublished announced = new RevocationPublished(ca.caId(), serial, reason, revokedAt, invalid, 1);
        producer.send(codec.toRecord(revoked), (metadata, e) -> keepFirst(failure, e));
        producer.send(codec.toRecord(Topic.REVOCATION_FEED.topicName(), announced.recordKey(), announced),
            (metadata, e) -> keepFirst(failure, e));
        written += 2;
        if (failure.get() != null) {
          break;
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("set-up write failed", failure.get());
    }
    return written;
  }

  private static void keepFirst(AtomicReference<Exception> failure, Exception e) {
    if (e != null) {
      failure.compareAndSet(null, e);
    }
  }

  /** Positive 16-byte serials with at least 64 significant bits, as issuer-worker draws them. */
  private static SerialNumber newSerial(SplittableRandom random) {
    byte[] bytes = new byte[16];
    BigInteger serial;
    do {
      random.nextBytes(bytes);
      bytes[0] &= 0x7f;
      serial = new BigInteger(1, bytes);
    } while (serial.bitLength() < 64);
    return SerialNumber.of(serial);
  }

  /** Reads eventca.crls from its current end, committed records only, and fetches without the default 500 ms wait. */
  private static KafkaConsumer<String, byte[]> crlConsumer(String bootstrap) {
    Properties props = KafkaClients.consumer(bootstrap, "unused", "bench-crl-reader");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 << 20));
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
    List<TopicPartition> partitions = consumer.partitionsFor(Topic.CRLS.topicName(), Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve now: the node must not publish before we know where the end was
    return consumer;
  }

  /**
   * A CA whose full CRL key ({@code <caId>}) and delta CRL key ({@code <caId>.delta}) land on the same partition.
   * Elsewhere the node may read a delta CRL back before the full CRL it was committed with, and CaCrlState then
   * drops the full CRL's DER when it travels by reference (its builtHere.removeIf of every number below the
   * delta's), finds its full CRL "not held" and re-issues it at every tick; on one partition the log order
   * (full first) is the read order. About one random CA in six qualifies.
   */
  static TestCa caWithCrlsOnOnePartition() {
    while (true) {
      TestCa ca = TestCa.rsa();
      if (partitionOfKey(ca.caId().value()) == partitionOfKey(ca.caId().value() + ".delta")) {
        return ca;
      }
    }
  }

  /** The partition the producer's default partitioner picks for a key. */
  static int partitionOfKey(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
  }

  private static List<CrlPublished> crlsOf(KafkaConsumer<String, byte[]> consumer, TestCa ca, Duration during) {
    List<CrlPublished> found = new ArrayList<>();
    long deadline = System.nanoTime() + during.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
        CrlPublished crl = decode(record);
        if (crl.caId().equals(ca.caId())) {
          found.add(crl);
        }
      }
    }
    return found;
  }

  private static void drain(KafkaConsumer<String, byte[]> consumer) {
    while (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
      // the first full CRL's delta, already accounted for
    }
  }

  private static long endOffsetSum(String bootstrap, Topic topic) {
    Properties props = KafkaClients.consumer(bootstrap, "unused", "bench-offsets");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.topicName(), Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static CrlPublished decode(ConsumerRecord<String, byte[]> record) {
    return EventCodec.decode(record.headers(), record.value()).payloadAs(CrlPublished.class);
  }

  private static void awaitTrue(Supplier<Boolean> condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + what, e);
      }
    }
  }

  /** Heap in use after a full collection: what stays reachable, not what the collector has not got round to. */
  private static long heapAfterGc() {
    for (int i = 0; i < 2; i++) {
      System.gc();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static void summary(Result r, PrintStream out) {
    long[] sorted = r.measured().stream().mapToLong(Measured::committedNanos).sorted().toArray();
    long fullSize = r.firstFull().crlSize();
    long measuredMax = r.measured().stream().mapToLong(m -> m.crl().crlSize()).max().orElse(0);
    out.printf(Locale.ROOT, "[bench] latency over %d revocations: median %.1f ms, p90 %.1f ms (nearest rank), max %.1f ms%n",
        sorted.length, millis(median(sorted)), millis(nearestRank(sorted, 0.9)), millis(sorted[sorted.length - 1]));
    out.printf(Locale.ROOT, "[bench] CRL sizes: full %,d bytes (%,d entries); measured %s CRLs up to %,d bytes%n", fullSize,
        r.firstFull().revokedCount(), r.settings().mode() == Mode.DELTA ? "delta" : "full", measuredMax);
    out.printf(Locale.ROOT, "RESULT mode=%s N=%d median_ms=%.1f p90_ms=%.1f max_ms=%.1f full_crl_bytes=%d measured_crl_max_bytes=%d"
            + " heap_before_node_mb=%d heap_ready_mb=%d heap_after_mb=%d write_s=%.1f replay_s=%.1f first_full_s=%.1f%n",
        r.settings().mode().name().toLowerCase(Locale.ROOT), r.settings().revoked(), millis(median(sorted)),
        millis(nearestRank(sorted, 0.9)), millis(sorted[sorted.length - 1]), fullSize, measuredMax, r.heapBeforeNode() >> 20,
        r.heapReady() >> 20, r.heapAfter() >> 20, seconds(r.writeNanos()), seconds(r.replayNanos()), seconds(r.firstFullNanos()));
  }

  private static long median(long[] sorted) {
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static long nearestRank(long[] sorted, double p) {
    return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static String sha256(byte[] der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Keeps the harness's own lines readable: at INFO the broker, the clients and the node would bury the figures.
   * With {@code -Djava.util.logging.manager=org.jboss.logmanager.LogManager} (as surefire and revocation-bench.sh
   * set it) jboss-logging, slf4j and JUL all end at this one root logger.
   */
  private static void quietLogging() {
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
  }
}
