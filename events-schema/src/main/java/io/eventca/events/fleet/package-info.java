/**
 * The answers to fleet requests: a {@code CertificateRequested} on {@code eventca.requests} gets exactly one
 * {@link io.eventca.events.fleet.CertificateDelivered} or {@link io.eventca.events.fleet.CertificateRequestRefused}
 * on its reply topic (keyed <requestedBy>/<requestId>), and a record that cannot be handled is kept as a
 * {@link io.eventca.events.fleet.RequestDeadLettered} on {@code eventca.dead-letters}. A retry is recognised by
 * its request id and its {@link io.eventca.events.fleet.RequestFingerprint}.
 */
package io.eventca.events.fleet;
