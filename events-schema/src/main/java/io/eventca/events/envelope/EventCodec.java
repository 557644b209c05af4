package io.eventca.events.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.eventca.events.Event;
import io.eventca.events.EventTypes;
import io.eventca.events.Topic;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns events into CloudEvents 1.0 Kafka records and back. Writes structured mode (the whole CloudEvent as
 * one JSON value, readable with the console consumer); reads structured and binary mode.
 */
public final class EventCodec {
  public static final String CONTENT_TYPE_HEADER = "content-type";
  private static final EventFormat FORMAT = new JsonFormat();

  private final URI source;

  /** @param service the writing service, which becomes the CloudEvents source {@code /eventca/<service>} */
  public EventCodec(String service) {
    this.source = URI.create("/eventca/" + service);
  }

  /** The event on the catalogue topic that carries its type, keyed by its CA id. */
  public ProducerRecord<String, byte[]> toRecord(Event event) {
    return toRecord(Topic.carrying(event.getClass()).topicName(), event);
  }

  /** The event on {@code topic}, keyed by its {@link Event#key()} (its CA id on the topics keyed by CA id). */
  public ProducerRecord<String, byte[]> toRecord(String topic, Event event) {
    return toRecord(topic, event.key(), event);
  }

  /**
   * The event on {@code topic} with the given key, for topics not keyed by CA id: replies are keyed by request
   * id, dead letters by the source record's key. The partitioner picks the partition by key.
   */
  public ProducerRecord<String, byte[]> toRecord(String topic, String key, Event event) {
    Headers headers = new RecordHeaders();
    headers.add(CONTENT_TYPE_HEADER, JsonFormat.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(topic, null, key, encode(event), headers);
  }

  public byte[] encode(Event event) {
    return FORMAT.serialize(toCloudEvent(event));
  }

  public CloudEvent toCloudEvent(Event event) {
    try {
      return CloudEventBuilder.v1()
          .withId(UUID.randomUUID().toString())
          .withSource(source)
          .withType(EventTypes.wireType(event.getClass()))
          .withSubject(event.caId().value())
          .withTime(Instant.now().atOffset(ZoneOffset.UTC))
          .withDataContentType("application/json")
          .withData(Json.MAPPER.writeValueAsBytes(event))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + event.getClass().getSimpleName(), e);
    }
  }

  /** Decodes a record's value; headers may be null or empty for structured-mode JSON written by any tool. */
  public static Envelope decode(Headers headers, byte[] value) {
    CloudEvent cloudEvent = readCloudEvent(headers, value);
    Class<? extends Event> type =
        EventTypes.byWireType(cloudEvent.getType())
            .orElseThrow(
                () ->
                    new UnreadableEventException(
                        UnreadableEventException.UNKNOWN_TYPE, "unknown event type " + cloudEvent.getType(), null));
    CloudEventData data = cloudEvent.getData();
    if (data == null) {
      throw new UnreadableEventException(UnreadableEventException.BAD_PAYLOAD, "event has no data", null);
    }
    Event payload;
    try {
      payload = Json.MAPPER.readValue(data.toBytes(), type);
    } catch (IOException | IllegalArgumentException e) {
      throw new UnreadableEventException(
          UnreadableEventException.BAD_PAYLOAD, "payload is not a valid " + cloudEvent.getType() + ": " + rootMessage(e), e);
    }
    if (payload == null || payload.caId() == null) {
      throw new UnreadableEventException(UnreadableEventException.BAD_PAYLOAD, "payload has no caId", null);
    }
    Instant time = cloudEvent.getTime() == null ? null : cloudEvent.getTime().toInstant();
    return new Envelope(cloudEvent.getId(), cloudEvent.getType(), String.valueOf(cloudEvent.getSource()), time, payload);
  }

  private static CloudEvent readCloudEvent(Headers headers, byte[] value) {
    if (value == null) {
      throw new UnreadableEventException(UnreadableEventException.NOT_A_CLOUDEVENT, "record has no value", null);
    }
    CloudEvent cloudEvent;
    try {
      boolean hasTypeHint =
          headers != null && (headers.lastHeader(CONTENT_TYPE_HEADER) != null || headers.lastHeader("ce_specversion") != null);
      cloudEvent =
          hasTypeHint ? KafkaMessageFactory.createReader(headers, value).toEvent() : FORMAT.deserialize(value);
    } catch (RuntimeException e) {
      throw new UnreadableEventException(
          UnreadableEventException.NOT_A_CLOUDEVENT, "not a CloudEvents 1.0 record: " + rootMessage(e), e);
    }
    // The JSON format answers the document `null` with no event rather than an error.
    if (cloudEvent == null) {
      throw new UnreadableEventException(UnreadableEventException.NOT_A_CLOUDEVENT, "record value is JSON null", null);
    }
    return cloudEvent;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
