package io.eventca.crl.ocsp;

import io.eventca.crl.CrlPublisher;
import io.eventca.crl.config.OcspConfig;
import io.eventca.crl.state.CrlProjection;
import io.eventca.custody.CaKeyCustody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Makes the one responder of the service: its issuer index and delegated responder keys are shared by all requests. */
@ApplicationScoped
public class OcspResponders {
  @Produces
  @Singleton
  OcspResponder responder(CrlPublisher publisher, OcspConfig config) {
    // Custody and readiness are read per answer: the publisher opens custody and replays the log after start-up.
    return of(publisher.projection(), publisher::custody, config.responder(), config.validity(), config.delegatedValidity(),
        Clock.systemUTC(), publisher::isReady);
  }

  public static OcspResponder of(
      CrlProjection projection, Supplier<CaKeyCustody> custody, OcspConfig.Responder mode, Duration validity,
      Duration delegatedValidity, Clock clock, BooleanSupplier ready) {
    ResponseSigning signing = mode == OcspConfig.Responder.DELEGATED
        ? new DelegatedSigning(custody, delegatedValidity)
        : new CaKeySigning(custody);
    return new OcspResponder(projection, signing, validity, clock, ready);
  }
}
