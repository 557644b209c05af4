package io.eventca.events.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.eventca.events.Event;
import io.eventca.events.EventTypes;
import io.eventca.events.ids.CaId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Every consumer hands whatever is on a topic to {@link EventCodec#decode}; a record that escapes with anything but
 * {@link UnreadableEventException} kills the consumer loop instead of being dead-lettered, so that is the invariant.
 *
 * <p>Seeds live in {@code EventCodecFuzzTestInputs/<method>/} (Jazzer's JUnit convention): copies of the v1 wire
 * fixtures for structured mode, and header-block files for binary mode. {@code docs/FUZZING.md} explains the runs.
 */
class EventCodecFuzzTest {

  /** A structured-mode value (the whole CloudEvent as JSON), read both with and without a content-type hint. */
  @FuzzTest(maxDuration = "10s")
  void structuredRecord(byte[] value) {
    // The codec picks its reader from the headers, so the same bytes reach two different parsers.
    decodeOrRefuse(null, value);
    decodeOrRefuse(new RecordHeaders(), value);
    Headers structured = new RecordHeaders();
    structured.add(EventCodec.CONTENT_TYPE_HEADER, "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
    decodeOrRefuse(structured, value);
  }

  /**
   * A binary-mode record: the input is {@code name: value} header lines, a blank line, then the record value. A
   * text layout rather than a FuzzedDataProvider so seeds and findings stay readable and can be written by hand.
   */
  @FuzzTest(maxDuration = "10s")
  void binaryRecord(byte[] input) {
    int split = indexOf(input, new byte[] {'\n', '\n'});
    byte[] headerBlock = split < 0 ? input : Arrays.copyOfRange(input, 0, split);
    // No separator means no value: the record-without-value path is worth reaching too.
    byte[] value = split < 0 ? null : Arrays.copyOfRange(input, split + 2, input.length);
    Headers headers = new RecordHeaders();
    int start = 0;
    while (start <= headerBlock.length) {
      int end = indexOf(headerBlock, start, (byte) '\n');
      byte[] line = Arrays.copyOfRange(headerBlock, start, end < 0 ? headerBlock.length : end);
      int colon = indexOf(line, 0, (byte) ':');
      if (colon > 0) {
        // Kafka header names are Java strings, values raw bytes: keep the value bytes exactly as fuzzed.
        String name = new String(line, 0, colon, StandardCharsets.UTF_8);
        int from = colon + 1 < line.length && line[colon + 1] == ' ' ? colon + 2 : colon + 1;
        headers.add(name, Arrays.copyOfRange(line, from, line.length));
      }
      if (end < 0) {
        break;
      }
      start = end + 1;
    }
    decodeOrRefuse(headers, value);
  }

  /**
   * The invariant: either a refusal with one of the documented codes, or an envelope whose payload is one of the
   * catalogued events, under its own wire type, with a CA id that obeys CaId's rule. Anything else propagates and
   * Jazzer reports it as a finding.
   */
  private static void decodeOrRefuse(Headers headers, byte[] value) {
    Envelope envelope;
    try {
      envelope = EventCodec.decode(headers, value);
    } catch (UnreadableEventException e) {
      assertThat(e.code())
          .isIn(UnreadableEventException.NOT_A_CLOUDEVENT, UnreadableEventException.UNKNOWN_TYPE, UnreadableEventException.BAD_PAYLOAD);
      return;
    }
    Event payload = envelope.payload();
    assertThat(payload).isNotNull();
    assertThat(EventTypes.ALL).contains(payload.getClass());
    assertThat(envelope.type()).isEqualTo(EventTypes.wireType(payload.getClass()));
    assertThat(payload.caId()).isNotNull();
    // Re-validating through the constructor catches a CaId built by some path that skipped its rule.
    assertThat(new CaId(payload.caId().value())).isEqualTo(payload.caId());
    // What we read we must be able to write and read back unchanged, or a projection rebuild would differ.
    assertThat(EventCodec.decode(null, new EventCodec("fuzz").encode(payload)).payload()).isEqualTo(payload);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static int indexOf(byte[] haystack, int from, byte b) {
    for (int i = from; i < haystack.length; i++) {
      if (haystack[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
