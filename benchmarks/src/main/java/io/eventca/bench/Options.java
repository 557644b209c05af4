package io.eventca.bench;

import io.eventca.events.Topic;
import io.eventca.events.ids.CaId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The load generator's command line. */
public record Options(
    String bootstrap,
    CaId caId,
    int requests,
    int requesters,
    int inFlight,
    String profile,
    String requesterKey,
    int keyPool,
    int validityDays,
    Clients clients,
    String replyTopic,
    Duration timeout,
    int attempts,
    String caKey,
    double rawSeconds,
    double rawWarmupSeconds,
    Path json,
    boolean progress,
    Path commandConfig,
    java.net.URI register) {

  /** One EventcaClient shared by all requester threads, one per requester, or a run of each. */
  public enum Clients {
    SHARED, PER_REQUESTER, BOTH;

    List<Clients> runs() {
      return this == BOTH ? List.of(SHARED, PER_REQUESTER) : List.of(this);
    }

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public static final String USAGE = String.join("\n",
      "usage: LoadGenerator --bootstrap HOST:PORT --ca CA_ID [options]",
      "",
      "  --bootstrap HOST:PORT    Kafka bootstrap servers of a running eventca (issuer-worker answering)",
      "  --ca CA_ID               the CA to ask (its id, a UUID); it must exist and be active",
      "  --requests N             certificate requests in all (default 1000; 0 = raw limit only)",
      "  --requesters M           requester threads (default 4)",
      "  --in-flight K            requests each requester keeps waiting at once, 1..64 (default 1)",
      "  --profile NAME           certificate profile (default server)",
      "  --key ec|rsa             requester key type: EC P-256 or RSA-2048 (default ec)",
      "  --key-pool P             requester key pairs made and reused with different CNs (default 50)",
      "  --validity-days D        validity asked for (default 100)",
      "  --clients shared|per-requester|both",
      "                           one EventcaClient for all requesters, one each, or a run of each (default shared)",
      "  --reply-topic T          reply topic (default " + Topic.DEFAULT_REPLY_TOPIC + ")",
      "  --timeout SECONDS        per attempt (default 30)",
      "  --attempts A             sends per request before it counts as a timeout (default 3)",
      "  --ca-key rsa|ec          throw-away CA key for the raw limit: RSA-2048 or EC P-256 (default rsa,",
      "                           as a CA created without keyAlgorithm); match the real CA's",
      "  --raw-seconds S          seconds to measure the raw signing limit, 0 = skip (default 5)",
      "  --raw-warmup-seconds S   warm-up before it (default 1)",
      "  --json FILE              also write the summary as JSON",
      "  --command-config FILE    Kafka client settings (SASL, TLS) as a properties file, e.g.",
      "                           .eventca-local/kafka-clients/fleet-demo.properties",
      "  --register CA_URL        make a requester key, register each requester at this ca-service (admin token",
      "                           from the environment variable EVENTCA_TOKEN) and send signed requests to",
      "                           eventca.fleet-requests, as fleet services do; without it, unsigned requests go to",
      "                           eventca.requests (a broker without ACLs only)",
      "  --quiet                  no progress lines");

  public Options {
    if (requests < 0) {
      throw new IllegalArgumentException("--requests must be 0 or more");
    }
    if (requests > 0 && (bootstrap == null || bootstrap.isBlank())) {
      throw new IllegalArgumentException("--bootstrap is required (or --requests 0 for the raw limit only)");
    }
    if (requests > 0 && caId == null) {
      throw new IllegalArgumentException("--ca is required (or --requests 0 for the raw limit only)");
    }
    if (requesters < 1) {
      throw new IllegalArgumentException("--requesters must be at least 1");
    }
    if (inFlight < 1 || inFlight > 64) {
      throw new IllegalArgumentException("--in-flight must be 1 to 64");
    }
    if (keyPool < 1) {
      throw new IllegalArgumentException("--key-pool must be at least 1");
    }
    if (!requesterKey.equals("ec") && !requesterKey.equals("rsa")) {
      throw new IllegalArgumentException("--key must be ec or rsa");
    }
    if (!caKey.equals("ec") && !caKey.equals("rsa")) {
      throw new IllegalArgumentException("--ca-key must be ec or rsa");
    }
    if (rawSeconds < 0 || rawWarmupSeconds < 0) {
      throw new IllegalArgumentException("--raw-seconds and --raw-warmup-seconds must not be negative");
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("--attempts must be at least 1");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be positive");
    }
  }

  /** @throws IllegalArgumentException with a message for the user */
  public static Options parse(String... args) {
    String bootstrap = null;
    CaId caId = null;
    int requests = 1000;
    int requesters = 4;
    int inFlight = 1;
    String profile = "server";
    String requesterKey = "ec";
    int keyPool = 50;
    int validityDays = 100;
    Clients clients = Clients.SHARED;
    String replyTopic = Topic.DEFAULT_REPLY_TOPIC;
    Duration timeout = Duration.ofSeconds(30);
    int attempts = 3;
    String caKey = "rsa";
    double rawSeconds = 5;
    double rawWarmupSeconds = 1;
    Path json = null;
    boolean progress = true;
    Path commandConfig = null;
    java.net.URI register = null;
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String option = rest.remove(0);
      if (option.equals("--quiet")) {
        progress = false;
        continue;
      }
      if (option.equals("--help") || option.equals("-h")) {
        throw new IllegalArgumentException("");
      }
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = rest.remove(0);
      switch (option) {
        case "--bootstrap" -> bootstrap = value;
        case "--ca" -> caId = ca(value);
        case "--requests" -> requests = integer(option, value);
        case "--requesters" -> requesters = integer(option, value);
        case "--in-flight" -> inFlight = integer(option, value);
        case "--profile" -> profile = value;
        case "--key" -> requesterKey = value.toLowerCase(Locale.ROOT);
        case "--key-pool" -> keyPool = integer(option, value);
        case "--validity-days" -> validityDays = integer(option, value);
        case "--clients" -> clients = clients(value);
        case "--reply-topic" -> replyTopic = value;
        case "--timeout" -> timeout = Duration.ofMillis(Math.round(decimal(option, value) * 1000));
        case "--attempts" -> attempts = integer(option, value);
        case "--ca-key" -> caKey = value.toLowerCase(Locale.ROOT);
        case "--raw-seconds" -> rawSeconds = decimal(option, value);
        case "--raw-warmup-seconds" -> rawWarmupSeconds = decimal(option, value);
        case "--json" -> json = Path.of(value);
        case "--command-config" -> commandConfig = Path.of(value);
        case "--register" -> register = uri(value);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return new Options(bootstrap, caId, requests, requesters, inFlight, profile, requesterKey, keyPool, validityDays,
        clients, replyTopic, timeout, attempts, caKey, rawSeconds, rawWarmupSeconds, json, progress, commandConfig,
        register);
  }

  private static java.net.URI uri(String value) {
    try {
      java.net.URI uri = new java.net.URI(value);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("--register needs an http or https URL, was " + value);
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("--register needs a URL, was " + value);
    }
  }

  private static CaId ca(String value) {
    try {
      return new CaId(value.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--ca must be a CA id (a UUID), was " + value);
    }
  }

  private static Clients clients(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "shared" -> Clients.SHARED;
      case "per-requester" -> Clients.PER_REQUESTER;
      case "both" -> Clients.BOTH;
      default -> throw new IllegalArgumentException("--clients must be shared, per-requester or both");
    };
  }

  private static int integer(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a whole number, was " + value);
    }
  }

  private static double decimal(String option, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, was " + value);
    }
  }
}
