package io.eventca.events.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequesterName;
import java.time.Instant;

/**
 * An admin registered {@code requester} (or replaced its registration): requests on {@code eventca.fleet-requests}
 * naming it must be signed by the private key of {@code publicKeyPem} (an X.509 SubjectPublicKeyInfo PEM, EC P-256
 * or P-384 or RSA of at least 2048 bits), and every request it makes, over Kafka or as a REST requester, must keep
 * to {@code policy}. The latest registration of a name wins. Belongs to no CA ({@link CaId#UNKNOWN}); keyed
 * {@code requester/<name>} so the registrations of one requester stay in order.
 */
@EventType(name = "requester-registered", version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequesterRegistered(
    RequesterName requester, String publicKeyPem, RequesterPolicy policy, String registeredBy, Instant registeredAt)
    implements Event {

  @Override
  public CaId caId() {
    return CaId.UNKNOWN;
  }

  @Override
  public String key() {
    return keyOf(requester);
  }

  public static String keyOf(RequesterName requester) {
    return "requester/" + requester.value();
  }
}
