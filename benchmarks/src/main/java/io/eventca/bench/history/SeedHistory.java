package io.eventca.bench.history;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.Channel;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.SerialNumber;
import io.eventca.events.SubjectName;
import io.eventca.service.KafkaClients;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Writes a CA and N certificates it issued to the log, as ca-service's projection must believe them (its request on
 * eventca.requests, its self-signed CaCreated and then each CertificateIssued on eventca.issuance, every certificate
 * really signed by the CA's key): the history that the search, export and rebuild benchmark of issue 14 runs on
 * (benchmarks/search-bench.sh). Host i is {@code host-i.bench.internal}; lifetimes spread over 1 to 90 days; requesters
 * {@code svc-0} to {@code svc-999}, every third over REST, the rest over the fleet topic. Not a test fixture: it writes
 * to whatever broker it is given.
 *
 * <p>Usage: SeedHistory BOOTSTRAP COUNT (the login from EVENTCA_KAFKA_CLIENT_PROPERTIES, as for the services)
 */
public final class SeedHistory {
  private static final String CA_NAME = "Search Bench CA";

  private SeedHistory() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    long count = Long.parseLong(args[1]);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256, new SecureRandom());
    KeyPair caKey = generator.generateKeyPair();
    KeyPair leafKey = generator.generateKeyPair();
    CaId ca = CaId.random();
    Instant now = Instant.now();
    X500Name caName = new X500Name("CN=" + CA_NAME);
    X509CertificateHolder root = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(7), Date.from(now.minusSeconds(60)),
        Date.from(now.plus(Duration.ofDays(3650))), caName, caKey.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate()));

    EventCodec codec = new EventCodec("history-seed");
    Properties props = KafkaClients.producer(bootstrap, "history-seed");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
    AtomicReference<Exception> failure = new AtomicReference<>();
    AtomicLong sent = new AtomicLong();
    long started = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      producer.send(codec.toRecord(new CaCreationRequested(ca, SubjectName.ofCommonName(CA_NAME), KeyAlgorithm.EC, 256, "sha256", 3650,
          "bench", now))).get();
      producer.send(codec.toRecord(new CaCreated(ca, "CN=" + CA_NAME, SerialNumber.of(root.getSerialNumber()), root.getNotBefore().toInstant(),
          root.getNotAfter().toInstant(), KeyAlgorithm.EC, 256, "sha256", pem(root)))).get();
      ThreadLocal<ContentSigner> signers = ThreadLocal.withInitial(() -> {
        try {
          return new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      // Signed on every core, sent in the order they come: one partition (the CA's key), so order is the log's anyway.
      LongStream.range(0, count).parallel().forEach(i -> {
        if (failure.get() != null) {
          return;
        }
        try {
          String host = "host-" + i + ".bench.internal";
          Instant notAfter = now.plus(Duration.ofDays(1 + i % 90));
          BigInteger serial = BigInteger.valueOf(i + 1).shiftLeft(64).or(BigInteger.valueOf(i * 2654435761L & 0xffffffffL));
          X509CertificateHolder leaf = new JcaX509v3CertificateBuilder(caName, serial, Date.from(now.minusSeconds(60)), Date.from(notAfter),
              new X500Name("CN=" + host + ",O=Bench"), leafKey.getPublic())
              .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, host)))
              .build(signers.get());
          CertificateIssued fact = new CertificateIssued(ca, RequestId.random(), SerialNumber.of(serial), "CN=" + host + ",O=Bench", "server",
              now.minusSeconds(60), notAfter, pem(leaf), host, "sha256", null, "ab".repeat(32), "svc-" + (i % 1000),
              i % 3 == 0 ? Channel.rest : Channel.fleet);
          producer.send(codec.toRecord(fact), (metadata, e) -> {
            if (e != null) {
              failure.compareAndSet(null, e);
            }
          });
          long done = sent.incrementAndGet();
          if (done % 100_000 == 0) {
            System.err.printf("seeded %,d%n", done);
          }
        } catch (Exception e) {
          failure.compareAndSet(null, e);
        }
      });
      producer.flush();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    System.out.printf("seeded CA %s and %,d certificates it issued in %.1f s%n", ca.value(), count, (System.nanoTime() - started) / 1e9);
  }

  private static String pem(X509CertificateHolder certificate) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(certificate);
    }
    return out.toString();
  }
}
