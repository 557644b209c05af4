package io.eventca.bench.history;

import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.SerialNumber;
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
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Writes N certificate-issued facts to eventca.issuance, as a long history would have left them, for the history
 * benchmark (benchmarks/history-bench.sh: heap and start-up of issuer-worker with a million issued). Each fact has its
 * own requester/request id and serial and carries a real certificate of a real size (the same one: the worker never
 * parses an end-entity certificate of the log). Not a test fixture: it writes to whatever broker it is given.
 *
 * <p>Usage: SeedIssuance BOOTSTRAP COUNT (the broker's login from EVENTCA_KAFKA_CLIENT_PROPERTIES, as for the services)
 */
public final class SeedIssuance {
  private SeedIssuance() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    long count = Long.parseLong(args[1]);
    String pem = certificatePem();
    CaId ca = CaId.random();
    EventCodec codec = new EventCodec("history-seed");
    Properties props = KafkaClients.producer(bootstrap, "history-seed");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
    AtomicReference<Exception> failure = new AtomicReference<>();
    Instant now = Instant.now();
    long started = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      for (long i = 0; i < count && failure.get() == null; i++) {
        CertificateIssued fact = new CertificateIssued(ca, RequestId.random(), SerialNumber.of(BigInteger.valueOf(i + 1).shiftLeft(64).or(BigInteger.ONE)),
            "CN=seed-" + i + ".history.internal", "server", now, now.plus(Duration.ofDays(30)), pem, null, "sha256", null,
            "ab".repeat(32), "seed-" + (i % 100), null);
        producer.send(codec.toRecord(fact), (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
        if ((i + 1) % 100_000 == 0) {
          System.err.printf("seeded %,d%n", i + 1);
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    System.out.printf("seeded %,d certificate-issued facts for CA %s in %.1f s%n", count, ca.value(),
        (System.nanoTime() - started) / 1e9);
  }

  private static String certificatePem() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256, new SecureRandom());
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=seed.history.internal, O=Example, C=US");
    Date from = new Date();
    var certificate = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, from, new Date(from.getTime() + 30L * 86_400_000), name,
        pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(certificate);
    }
    return out.toString();
  }
}
