package io.eventca.events;

import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.crl.CrlPublished;
import io.eventca.events.crl.RevocationPublished;
import io.eventca.events.fleet.CertificateDelivered;
import io.eventca.events.fleet.CertificateRequestRefused;
import io.eventca.events.fleet.RequestDeadLettered;
import io.eventca.events.registry.CaRetired;
import io.eventca.events.registry.KeyDownloadLockedOut;
import io.eventca.events.registry.KeyDownloadUnlocked;
import io.eventca.events.registry.RequesterRegistered;
import io.eventca.events.registry.RequesterRetired;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every event class, and the wire type each one travels under. */
public final class EventTypes {
  public static final String PREFIX = "io.eventca.";

  public static final List<Class<? extends Event>> ALL =
      List.of(
          CaCreationRequested.class,
          CaCreated.class,
          CaCreationFailed.class,
          CaKeyStored.class,
          CertificateRequested.class,
          CertificateIssued.class,
          CertificateRejected.class,
          CertificateRevoked.class,
          CrlPublished.class,
          RevocationPublished.class,
          CertificateDelivered.class,
          CertificateRequestRefused.class,
          RequestDeadLettered.class,
          RequesterRegistered.class,
          RequesterRetired.class,
          CaRetired.class,
          KeyDownloadLockedOut.class,
          KeyDownloadUnlocked.class);

  private static final Map<String, Class<? extends Event>> BY_WIRE_TYPE = new LinkedHashMap<>();

  static {
    for (Class<? extends Event> type : ALL) {
      BY_WIRE_TYPE.put(wireType(type), type);
    }
  }

  private EventTypes() {}

  /** {@code io.eventca.certificate-issued.v1} for CertificateIssued. */
  public static String wireType(Class<? extends Event> type) {
    EventType annotation = type.getAnnotation(EventType.class);
    if (annotation == null) {
      throw new IllegalStateException(type.getName() + " has no @EventType");
    }
    return PREFIX + annotation.name() + ".v" + annotation.version();
  }

  /** The schema file in this jar, e.g. {@code schemas/certificate-issued.v1.schema.json}. */
  public static String schemaResource(Class<? extends Event> type) {
    return "schemas/" + wireType(type).substring(PREFIX.length()) + ".schema.json";
  }

  public static Optional<Class<? extends Event>> byWireType(String wireType) {
    return Optional.ofNullable(BY_WIRE_TYPE.get(wireType));
  }
}
