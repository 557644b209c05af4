package io.eventca.testkit;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/** One real single-node KRaft broker per test JVM, started on first use and stopped when the JVM exits. */
public final class KafkaBroker {
  private static KafkaClusterTestKit cluster;

  private KafkaBroker() {}

  public static synchronized String bootstrapServers() {
    if (cluster == null) {
      cluster = start();
      Runtime.getRuntime().addShutdownHook(new Thread(KafkaBroker::stop, "kafka-broker-stop"));
    }
    return cluster.bootstrapServers();
  }

  private static KafkaClusterTestKit start() {
    // A broker that gives up (Exit.halt, e.g. while the JVM shuts down) must not end the test JVM with a
    // non-zero code after every test passed: surefire reports that as a crashed fork. Say it instead.
    org.apache.kafka.common.utils.Exit.setHaltProcedure(
        (code, message) -> System.err.println("in-JVM Kafka broker asked to halt (" + code + "): " + message));
    org.apache.kafka.common.utils.Exit.setExitProcedure(
        (code, message) -> System.err.println("in-JVM Kafka broker asked to exit (" + code + "): " + message));
    try {
      KafkaClusterTestKit kit =
          new KafkaClusterTestKit.Builder(
                  new TestKitNodes.Builder()
                      .setCombined(true)
                      .setNumBrokerNodes(1)
                      .setNumControllerNodes(1)
                      .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                      .build())
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("offsets.topic.num.partitions", "4")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("transaction.state.log.num.partitions", "4")
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .setConfigProp("auto.create.topics.enable", "false")
              .build();
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      return kit;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the in-JVM Kafka broker", e);
    }
  }

  private static synchronized void stop() {
    if (cluster != null) {
      try {
        cluster.close();
      } catch (Exception ignored) {
        // the JVM is going away; nothing useful to do with a failure here
      }
      cluster = null;
    }
  }
}
