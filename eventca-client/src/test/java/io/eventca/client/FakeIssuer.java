package io.eventca.client;

import io.eventca.events.Event;
import io.eventca.events.Topic;
import io.eventca.events.Topics;
import io.eventca.testkit.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.envelope.Envelope;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.fleet.CertificateDelivered;
import io.eventca.events.fleet.CertificateRequestRefused;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.SerialNumber;
import io.eventca.service.KafkaClients;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Plays issuer-worker for tests, for one CA: reads CertificateRequested for {@code caId} from eventca.requests
 * (from the end as it was when built) and answers on the request's reply topic, keyed <requestedBy>/<requestId>, as the fleet
 * contract says, with whatever {@link Behaviour} decides. Signs nothing: the "certificates" are placeholders.
 */
public final class FakeIssuer implements AutoCloseable {
  /** What to answer to a request seen for the {@code timesSeen}-th time (1 = first); empty = stay silent. */
  @FunctionalInterface
  public interface Behaviour {
    Optional<Event> answer(CertificateRequested request, int timesSeen);
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private static volatile boolean topicsCreated;
  private final java.util.function.Consumer<String> topicSeen;

  /** The test JVM's in-JVM broker, with every catalogue topic (eventca.replies included) created, 3 partitions each. */
  public static synchronized String kafka() {
    String bootstrap = KafkaBroker.bootstrapServers();
    if (!topicsCreated) {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        Topics.ensureAll(admin, 3, (short) 1);
      }
      topicsCreated = true;
    }
    return bootstrap;
  }

  private final CaId caId;
  private final Behaviour behaviour;
  private final EventCodec codec = new EventCodec("fake-issuer");
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<RequestId, Integer> seen = new ConcurrentHashMap<>();
  private final List<RequestId> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean closed;

  /** Issues every request; a repeat gets the same serial again, marked repeated. */
  public FakeIssuer(String bootstrapServers, CaId caId) {
    this(bootstrapServers, caId, null);
  }

  public FakeIssuer(String bootstrapServers, CaId caId, Behaviour behaviour) {
    this(bootstrapServers, caId, behaviour, topic -> {});
  }

  /** @param topicSeen told the topic of every request of {@code caId} it reads */
  public FakeIssuer(String bootstrapServers, CaId caId, Behaviour behaviour, java.util.function.Consumer<String> topicSeen) {
    this.topicSeen = topicSeen;
    this.caId = caId;
    this.behaviour = behaviour == null ? issuing() : behaviour;
    String id = "fake-issuer-" + UUID.randomUUID();
    this.producer = new KafkaProducer<>(KafkaClients.producer(bootstrapServers, id));
    Properties props = KafkaClients.consumer(bootstrapServers, "unused", id);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(props);
    List<TopicPartition> partitions = java.util.stream.Stream.of(Topic.REQUESTS, Topic.FLEET_REQUESTS)
        .flatMap(t -> consumer.partitionsFor(t.topicName(), Duration.ofSeconds(30)).stream())
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    this.thread = new Thread(this::run, "fake-issuer-" + caId);
    thread.setDaemon(true);
    thread.start();
  }

  /** The default behaviour: issue, and answer a repeat of an issued request with the same serial, marked repeated. */
  public static Behaviour issuing() {
    Map<RequestId, SerialNumber> issued = new ConcurrentHashMap<>();
    return (request, timesSeen) -> {
      boolean before = issued.containsKey(request.requestId());
      SerialNumber serial = issued.computeIfAbsent(request.requestId(), id -> randomSerial());
      return Optional.of(delivered(request, serial, before));
    };
  }

  /** Refuses every request with {@code code}. */
  public static Behaviour refusing(String code) {
    return (request, timesSeen) -> Optional.of(refused(request, code, "refused by the fake issuer"));
  }

  /** Never answers. */
  public static Behaviour silent() {
    return (request, timesSeen) -> Optional.empty();
  }

  public static CertificateDelivered delivered(CertificateRequested request, SerialNumber serial, boolean repeated) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return new CertificateDelivered(request.caId(), request.requestId(), serial,
        pem("CERTIFICATE", "fake certificate " + serial + " for " + request.requestId()),
        pem("CERTIFICATE", "fake CA " + request.caId()),
        now, now.plus(request.validityDays(), ChronoUnit.DAYS), repeated ? Boolean.TRUE : null);
  }

  public static CertificateRequestRefused refused(CertificateRequested request, String code, String detail) {
    return new CertificateRequestRefused(request.caId(), request.requestId(), code, detail);
  }

  public static SerialNumber randomSerial() {
    return SerialNumber.of(new BigInteger(127, RANDOM).setBit(100));
  }

  private static String pem(String label, String text) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
        .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\n-----END " + label + "-----\n";
  }

  /** How often the request was received (each send counts). */
  public int timesSeen(RequestId requestId) {
    return seen.getOrDefault(requestId, 0);
  }

  /** Every request received for this CA, in order, repeats included. */
  public List<RequestId> received() {
    return List.copyOf(received);
  }

  /** Waits until {@code count} requests in all were received. */
  public boolean awaitReceived(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (received.size() < count) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  private void run() {
    try {
      while (!closed) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          handle(record);
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close(Duration.ofSeconds(2));
      stopped.countDown();
    }
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    // Requests are keyed by requester, not CA: whether one is this test's is in its payload.
    Envelope envelope;
    try {
      envelope = EventCodec.decode(record.headers(), record.value());
    } catch (RuntimeException e) {
      return;
    }
    if (!(envelope.payload() instanceof CertificateRequested request) || !caId.equals(request.caId())) {
      return;
    }
    topicSeen.accept(record.topic());
    int times = seen.merge(request.requestId(), 1, Integer::sum);
    received.add(request.requestId());
    Optional<Event> answer = behaviour.answer(request, times);
    if (answer.isPresent()) {
      String replyTopic = request.replyTopic() == null ? Topic.DEFAULT_REPLY_TOPIC : request.replyTopic();
      producer.send(codec.toRecord(replyTopic, io.eventca.events.cert.RequestKey.of(request).replyKey(), answer.get()));
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    consumer.wakeup();
    stopped.await(10, TimeUnit.SECONDS);
    producer.close(Duration.ofSeconds(5));
  }

  /** Silence for the {@code ignored} first sends of every request, then {@code then}. */
  public static Behaviour ignoringFirst(int ignored, Behaviour then) {
    return (request, times) -> times <= ignored ? Optional.empty() : then.answer(request, times);
  }
}
