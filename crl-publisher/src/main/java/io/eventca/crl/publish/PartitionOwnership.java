package io.eventca.crl.publish;

import io.eventca.events.Topic;
import io.eventca.events.ids.CaId;
import io.eventca.service.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

  @Override
  public boolean owns(CaId caId) {
    return producers.containsKey(partitionOf(caId, partitions));
  }

  public int ownedPartitions() {
    return producers.size();
  }

  @Override
  public void write(CaId caId, List<ProducerRecord<String, byte[]>> records) {
    int partition = partitionOf(caId, partitions);
    writing.lock();
    try {
      KafkaProducer<String, byte[]> producer = producers.get(partition);
      if (producer == null) {
        throw new IllegalStateException("partition " + partition + " of " + TOPIC + " is no longer this instance's");
      }
      producer.beginTransaction();
      try {
        for (ProducerRecord<String, byte[]> record : records) {
          producer.send(record);
        }
        producer.commitTransaction();
      } catch (KafkaException e) {
        // Fenced, or the broker refused: either way this producer is done; a rebalance or the next pass retries.
        producers.remove(partition);
        producer.close(Duration.ZERO);
        throw new IllegalStateException("cannot commit the CRLs of CA " + caId.value() + ": " + e, e);
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

  /** A partition whose producer failed is still assigned: open a fresh producer for it, which fences the old one. */
  private void reclaimLostProducers() {
    for (TopicPartition assigned : member.assignment()) {
      producers.computeIfAbsent(assigned.partition(), this::openProducer);
    }
  }

  private KafkaProducer<String, byte[]> openProducer(int partition) {
    String transactionalId = GROUP + "-" + TOPIC + "-" + partition;
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        KafkaClients.transactionalProducer(bootstrapServers, "crl-publisher-" + instance + "-p" + partition, transactionalId));
    producer.initTransactions();
    return producer;
  }

  private void release(Collection<Integer> released) {
    writing.lock();
    try {
      for (Integer partition : released) {
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
        producers.computeIfAbsent(partition.partition(), p -> openProducer(p));
      }
      LOG.infof("crl-publisher %s owns partitions %s of %s", instance, producers.keySet(), TOPIC);
    }
  }

  @Override
  public void close() {
    running = false;
    member.wakeup();
    try {
      thread.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
