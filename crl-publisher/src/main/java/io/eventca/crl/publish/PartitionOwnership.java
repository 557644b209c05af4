package io.eventca.crl.publish;

import io.eventca.service.PollingThreads;
import io.eventca.events.Topic;
import io.eventca.events.ids.CaId;
import io.eventca.service.KafkaClients;
import io.eventca.service.TransactionalProducers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * Shares the CAs among crl-publisher instances: the instances form one consumer group on eventca.crls, and an
 * instance owns the CAs whose CRLs land in the partitions assigned to it. Each owned partition gets a
 * transactional producer whose id names the partition, so a new owner's initTransactions fences the old one
 * (a paused or partitioned zombie can no longer commit a CRL), and an owner only writes after it caught up.
 */
public final class PartitionOwnership implements CrlWriter, AutoCloseable {
  public static final String GROUP = "eventca-crl-publisher";
  private static final Logger LOG = Logger.getLogger(PartitionOwnership.class);
  private static final String TOPIC = Topic.CRLS.topicName();

  private final String bootstrapServers;
  private final String instance;
  private final KafkaConsumer<String, byte[]> member;
  private final int partitions;
  private final Map<Integer, KafkaProducer<String, byte[]>> producers = new ConcurrentHashMap<>();
  /** Held while writing, so a revoked partition is handed over only between two CRLs, never in the middle of one. */
  private final ReentrantLock writing = new ReentrantLock();
  /** Partitions whose producer was fenced: another instance took them over; wait for the rebalance. */
  private final Set<Integer> fenced = ConcurrentHashMap.newKeySet();
  /** Partitions whose producer failed otherwise, and from when (System.nanoTime) to try a fresh one. */
  private final Map<Integer, Long> reclaimAfter = new ConcurrentHashMap<>();
  private static final Duration RECLAIM_PAUSE = Duration.ofSeconds(5);
  private final Thread thread;
  private volatile boolean running = true;

  public PartitionOwnership(String bootstrapServers, String instance) {
    this.bootstrapServers = bootstrapServers;
    this.instance = instance;
    Properties props = KafkaClients.consumer(bootstrapServers, GROUP, "crl-publisher-owner-" + instance);
    this.member = new KafkaConsumer<>(props);
    this.partitions = member.partitionsFor(TOPIC, Duration.ofSeconds(30)).size();
    member.subscribe(List.of(TOPIC), new Listener());
    this.thread = new Thread(this::run, "crl-ownership");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** The partition the CA's full CRL is keyed to, as the producer's default partitioner picks it. */
  public static int partitionOf(CaId caId, int partitions) {
    return Utils.toPositive(Utils.murmur2(caId.value().getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** A lease is the producer that held the partition when it was taken: a later owner has another producer. */
  private record PartitionLease(CaId caId, int partition, KafkaProducer<String, byte[]> producer) implements Lease {}

  @Override
  public Lease lease(CaId caId) {
    int partition = partitionOf(caId, partitions);
    KafkaProducer<String, byte[]> producer = producers.get(partition);
    return producer == null ? null : new PartitionLease(caId, partition, producer);
  }

  public int ownedPartitions() {
    return producers.size();
  }

  @Override
  public void write(Lease lease, List<ProducerRecord<String, byte[]>> records) {
    PartitionLease held = (PartitionLease) lease;
    int partition = held.partition();
    writing.lock();
    try {
      KafkaProducer<String, byte[]> producer = producers.get(partition);
      if (producer != held.producer()) {
        // Another owner may have numbered CRLs meanwhile; what we built from the older log must not go out.
        throw new IllegalStateException("partition " + partition + " of " + TOPIC + " changed hands since CA "
            + held.caId().value() + " was caught up");
      }
      producer.beginTransaction();
      try {
        for (ProducerRecord<String, byte[]> record : records) {
          producer.send(record);
        }
        producer.commitTransaction();
      } catch (KafkaException e) {
        // Either way this producer is done. Fenced: another instance owns the partition now, and the coming
        // rebalance says so; anything else: try a fresh producer after a pause.
        producers.remove(partition);
        producer.close(Duration.ZERO);
        if (TransactionalProducers.fenced(e)) {
          fenced.add(partition);
        } else {
          reclaimAfter.put(partition, System.nanoTime() + RECLAIM_PAUSE.toNanos());
        }
        throw new IllegalStateException("cannot commit the CRLs of CA " + held.caId().value() + ": " + e, e);
      }
    } finally {
      writing.unlock();
    }
  }

  private void run() {
    try {
      while (running) {
        try {
          member.poll(Duration.ofMillis(200)); // paused partitions: this only keeps the membership alive
          reclaimLostProducers();
        } catch (WakeupException e) {
          // close() woke us
        } catch (KafkaException e) {
          LOG.warnf("crl ownership: %s; retrying", e.toString());
        }
      }
    } finally {
      release(List.copyOf(producers.keySet()));
      member.close(Duration.ofSeconds(5));
    }
  }

  /**
   * A partition whose producer failed for another reason than fencing, and that is still ours: after a pause,
   * open a fresh producer for it. Only those: a partition merely missing from the producers was revoked, and the
   * assignment may not say so yet while a rebalance is under way. A fenced one waits for the rebalance that hands
   * it to its new owner, so two instances never fence each other back and forth.
   */
  private void reclaimLostProducers() {
    long now = System.nanoTime();
    Set<Integer> assigned = new java.util.HashSet<>();
    member.assignment().forEach(tp -> assigned.add(tp.partition()));
    for (Map.Entry<Integer, Long> failed : reclaimAfter.entrySet()) {
      int partition = failed.getKey();
      if (now - failed.getValue() < 0 || !assigned.contains(partition) || fenced.contains(partition)) {
        continue;
      }
      reclaimAfter.remove(partition);
      open(partition);
    }
  }

  private void open(int partition) {
    try {
      producers.computeIfAbsent(partition, this::openProducer);
    } catch (KafkaException e) {
      reclaimAfter.put(partition, System.nanoTime() + RECLAIM_PAUSE.toNanos());
      LOG.warnf("crl ownership: cannot open the producer of partition %d: %s; trying again in %s", partition, e, RECLAIM_PAUSE);
    }
  }

  private KafkaProducer<String, byte[]> openProducer(int partition) {
    String transactionalId = GROUP + "-" + TOPIC + "-" + partition;
    return TransactionalProducers.open(
        KafkaClients.transactionalProducer(bootstrapServers, "crl-publisher-" + instance + "-p" + partition, transactionalId));
  }

  private void release(Collection<Integer> released) {
    writing.lock();
    try {
      for (Integer partition : released) {
        reclaimAfter.remove(partition);
        KafkaProducer<String, byte[]> producer = producers.remove(partition);
        if (producer != null) {
          producer.close(Duration.ofSeconds(5));
        }
      }
    } finally {
      writing.unlock();
    }
  }

  private final class Listener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      release(revoked.stream().map(TopicPartition::partition).toList());
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      onPartitionsRevoked(lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      member.pause(assigned);
      for (TopicPartition partition : assigned) {
        fenced.remove(partition.partition());
        reclaimAfter.remove(partition.partition());
        open(partition.partition());
      }
      LOG.infof("crl-publisher %s owns partitions %s of %s", instance, producers.keySet(), TOPIC);
    }
  }

  @Override
  public void close() {
    running = false;
    PollingThreads.wakeAndJoin(member::wakeup, thread, Duration.ofMillis(15_000));
  }
}
