package io.eventca.crl.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.crl.sign.Pem;
import io.eventca.events.Topics;
import io.eventca.events.crl.CrlPublished;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.ids.CaId;
import io.eventca.testkit.KafkaBroker;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** The largest CRL an event carries whole still fits the record limit it was derived from. */
class RecordLimitTest {
  @Test
  void anEventWithTheLargestPemAllowedFitsTheRecordLimit() {
    for (int recordLimit : new int[] {65_536, 1_048_576, 8_388_608}) {
      int pemBytes = RecordLimit.pemBytesFor(recordLimit);
      byte[] der = new byte[(int) derLengthFor(pemBytes)];
      new Random(recordLimit).nextBytes(der);
      String pem = Pem.ofCrl(der);
      assertThat(pem.length()).isLessThanOrEqualTo(pemBytes);
      Instant now = Instant.now();
      CrlPublished event = new CrlPublished(CaId.random(), Long.MAX_VALUE, now, now, Integer.MAX_VALUE, pem, Long.MAX_VALUE,
          "ab".repeat(32), Long.MAX_VALUE, null);

      assertThat(new EventCodec("crl-publisher").encode(event).length).as("record limit %d", recordLimit)
          .isLessThanOrEqualTo(recordLimit);
    }
  }

  @Test
  void theLimitIsTheTopicsAndTheProducersWhenTheyAreSmallerThanTheSetting() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
      Topics.ensureAll(admin, 6, (short) 1);

      assertThat(RecordLimit.pemBytes(admin, 900_000)).as("the default setting fits Kafka's defaults").isEqualTo(900_000);
      // The broker's default max.message.bytes (1048588) is above the producer's max.request.size (1048576).
      assertThat(RecordLimit.pemBytes(admin, Integer.MAX_VALUE)).isEqualTo(RecordLimit.pemBytesFor(1_048_576));
    }
  }

  /** The largest DER whose PEM is at most {@code pemBytes}. */
  private static long derLengthFor(int pemBytes) {
    long der = pemBytes * 3L / 4;
    while (Pem.pemLength(der) > pemBytes) {
      der--;
    }
    return der;
  }
}
