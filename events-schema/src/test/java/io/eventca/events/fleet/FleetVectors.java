package io.eventca.events.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventca.events.Fixtures;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.envelope.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The fleet contract's fixtures (src/test/resources/fleet) and the repository files that show them. */
final class FleetVectors {
  static final String FINGERPRINT_VECTORS = "fleet/fingerprint-vectors.json";
  static final String SIGNATURE_VECTOR = "fleet/signature-vector.json";
  static final String FLEET_CONSOLE_REQUEST = "fleet/fleet-console-request.json";
  /** Surefire runs in the module directory; system-tests name the root the same way. */
  static final Path ROOT = Path.of(System.getProperty("eventca.root", "..")).toAbsolutePath().normalize();

  private FleetVectors() {}

  /** One fingerprint vector; named by its name, so a failing parameter says which. */
  record Vector(String name, String shows, JsonNode request, String canonical, String sha256, JsonNode json) {
    CertificateRequested decoded() {
      return FleetVectors.decode(request);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Vector> fingerprintVectors() {
    List<Vector> vectors = new ArrayList<>();
    for (JsonNode v : json(FINGERPRINT_VECTORS).path("vectors")) {
      vectors.add(new Vector(v.path("name").asText(), v.path("shows").asText(), v.path("request"), v.path("canonical").asText(),
          v.path("sha256").asText(), v));
    }
    return vectors;
  }

  static Vector fingerprintVector(String name) {
    return fingerprintVectors().stream().filter(v -> v.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no fingerprint vector " + name));
  }

  /** Through the one JSON mapping the worker's decoder uses, so the vectors see what the worker sees. */
  static CertificateRequested decode(JsonNode payload) {
    try {
      return Json.MAPPER.treeToValue(payload, CertificateRequested.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String resource) {
    try {
      return Json.MAPPER.readTree(Fixtures.resource(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String repositoryFile(String relative) {
    try {
      return Files.readString(ROOT.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
