package io.eventca.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Asks a running eventca for certificates as a fleet would, as fast as the answers come back, and compares that
 * with how fast this JVM signs the same kind of certificate in a plain loop (the raw limit).
 *
 * <pre>
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' io.eventca.bench.LoadGenerator \
 *     --bootstrap localhost:9092 --ca CA_ID --requests 2000 --requesters 8 [--in-flight 2] [--json load.json]
 * </pre>
 *
 * Progress goes to stderr every second; the summary to stdout (and as JSON with {@code --json}).
 */
public final class LoadGenerator {
  /** Everything one invocation measured. {@code raw} is null when skipped. */
  public record Report(Options options, List<EndToEnd.Result> runs, RawSigning.Result raw, Instant startedAt) {
    /** End-to-end throughput of the first run over the raw limit, or NaN when either is missing. */
    public double ratio() {
      if (raw == null || runs.isEmpty() || raw.perSecond() == 0) {
        return Double.NaN;
      }
      return runs.get(0).throughput() / raw.perSecond();
    }
  }

  private LoadGenerator() {}

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println("error: " + e.getMessage());
      }
      System.err.println(Options.USAGE);
      System.exit(e.getMessage().isEmpty() ? 0 : 64);
      return;
    }
    try {
      run(options, System.out, System.err);
      System.exit(0);
    } catch (Exception e) {
      System.err.println("load generator failed: " + e);
      System.exit(1);
    }
  }

  public static Report run(Options o, PrintStream out, PrintStream err) throws InterruptedException, IOException {
    Instant startedAt = Instant.now();
    String domain = UUID.randomUUID().toString().substring(0, 8) + ".bench.example";
    long t0 = System.nanoTime();
    CsrPool pool = new CsrPool(o.requesterKey(), o.requests() == 0 ? o.keyPool() : Math.min(o.keyPool(), o.requests()));
    List<String> csrs = pool.csrs(Math.max(o.requests(), pool.size()), domain);
    err.printf(Locale.ROOT, "made %d %s requester keys and %d CSRs in %.1f s%n", pool.size(), o.requesterKey(),
        csrs.size(), (System.nanoTime() - t0) / 1e9);

    List<EndToEnd.Result> runs = new ArrayList<>();
    if (o.requests() > 0) {
      EndToEnd.Login login = login(o, domain, err);
      for (Options.Clients mode : o.clients().runs()) {
        runs.add(new EndToEnd(o, mode, csrs, err, login).run());
      }
    }
    RawSigning.Result raw = null;
    if (o.rawSeconds() > 0) {
      err.printf(Locale.ROOT, "raw signing limit: %s CA key, %.1f s warm-up, %.1f s measured%n", o.caKey(),
          o.rawWarmupSeconds(), o.rawSeconds());
      raw = new RawSigning(o.caKey(), csrs.subList(0, pool.size()), o.profile(), o.validityDays())
          .run(o.rawWarmupSeconds(), o.rawSeconds());
    }
    Report report = new Report(o, runs, raw, startedAt);
    print(report, out);
    if (o.json() != null) {
      writeJson(report, o.json());
      err.println("summary written to " + o.json());
    }
    return report;
  }

  /** The Kafka settings of --command-config, and with --register a registered requester per requester thread. */
  static EndToEnd.Login login(Options o, String domain, PrintStream err) throws IOException, InterruptedException {
    Map<String, String> kafka = new LinkedHashMap<>();
    if (o.commandConfig() != null) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(o.commandConfig())) {
        properties.load(reader);
      }
      properties.stringPropertyNames().forEach(name -> kafka.put(name, properties.getProperty(name)));
      kafka.remove("group.id"); // a console tool's group; EventcaClient reads answers without one
    }
    if (o.register() == null) {
      return new EndToEnd.Login(kafka, null, List.of());
    }
    String token = System.getenv("EVENTCA_TOKEN");
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("--register needs an admin token in the environment variable EVENTCA_TOKEN");
    }
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < o.requesters(); i++) {
      names.add("bench-" + run + "-" + i);
    }
    FleetRequesters requesters = new FleetRequesters();
    requesters.register(o.register(), token, names, domain, o.caId(), o.profile(), o.validityDays());
    err.printf(Locale.ROOT, "registered %d requesters bench-%s-0..%d at %s%n", names.size(), run, names.size() - 1,
        o.register());
    return new EndToEnd.Login(kafka, requesters.signer(), names);
  }

  static void print(Report report, PrintStream out) {
    Options o = report.options();
    if (!report.runs().isEmpty()) {
      out.printf(Locale.ROOT, "eventca load: CA %s, profile %s, %s requester keys, %d requesters x %d in flight%n",
          o.caId(), o.profile(), o.requesterKey(), o.requesters(), o.inFlight());
    }
    for (EndToEnd.Result r : report.runs()) {
      out.printf(Locale.ROOT, "end-to-end (%s client): %d of %d answered in %.2f s = %.1f answers/s"
              + " | issued %d (repeated %d), refused %d%s, timeouts %d, errors %d%n",
          r.clients(), r.answered(), r.requests(), r.seconds(), r.throughput(), r.issued(), r.repeated(), r.refused(),
          r.refusalCodes().isEmpty() ? "" : " " + r.refusalCodes(), r.timeouts(), r.errors());
      out.printf(Locale.ROOT, "  latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
          r.latencyMs(50), r.latencyMs(90), r.latencyMs(99), r.maxLatencyMs());
    }
    if (report.raw() != null) {
      RawSigning.Result raw = report.raw();
      out.printf(Locale.ROOT, "raw limit (%s CA key, one thread, no Kafka, no database): %d certificates in %.2f s"
          + " = %.1f certificates/s%n", raw.caKey(), raw.certificates(), raw.seconds(), raw.perSecond());
    }
    if (!Double.isNaN(report.ratio())) {
      out.printf(Locale.ROOT, "end-to-end / raw: %.3f%n", report.ratio());
    }
  }

  static Map<String, Object> toJson(Report report) {
    Options o = report.options();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("tool", "io.eventca.bench.LoadGenerator");
    json.put("startedAt", report.startedAt().toString());
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("caId", o.caId() == null ? null : o.caId().value());
    parameters.put("requests", o.requests());
    parameters.put("requesters", o.requesters());
    parameters.put("inFlight", o.inFlight());
    parameters.put("profile", o.profile());
    parameters.put("requesterKey", o.requesterKey());
    parameters.put("keyPool", o.keyPool());
    parameters.put("validityDays", o.validityDays());
    parameters.put("clients", o.clients().label());
    parameters.put("timeoutSeconds", o.timeout().toMillis() / 1000.0);
    parameters.put("attempts", o.attempts());
    parameters.put("caKey", o.caKey());
    parameters.put("rawSeconds", o.rawSeconds());
    parameters.put("signedFleetRequests", o.register() != null);
    json.put("parameters", parameters);
    List<Map<String, Object>> runs = new ArrayList<>();
    for (EndToEnd.Result r : report.runs()) {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("clients", r.clients());
      run.put("requests", r.requests());
      run.put("answered", r.answered());
      run.put("issued", r.issued());
      run.put("repeated", r.repeated());
      run.put("refused", r.refused());
      run.put("refusalCodes", r.refusalCodes());
      run.put("timeouts", r.timeouts());
      run.put("errors", r.errors());
      run.put("seconds", round(r.seconds()));
      run.put("answersPerSecond", round(r.throughput()));
      Map<String, Object> latency = new LinkedHashMap<>();
      latency.put("p50", round(r.latencyMs(50)));
      latency.put("p90", round(r.latencyMs(90)));
      latency.put("p99", round(r.latencyMs(99)));
      latency.put("max", round(r.maxLatencyMs()));
      run.put("latencyMs", latency);
      runs.add(run);
    }
    json.put("endToEnd", runs);
    if (report.raw() != null) {
      Map<String, Object> raw = new LinkedHashMap<>();
      raw.put("caKey", report.raw().caKey());
      raw.put("threads", 1);
      raw.put("certificates", report.raw().certificates());
      raw.put("seconds", round(report.raw().seconds()));
      raw.put("certificatesPerSecond", round(report.raw().perSecond()));
      raw.put("measures", "build + sign + verify of an end-entity certificate; no CSR checks, lint, Kafka or database");
      json.put("raw", raw);
    }
    json.put("endToEndOverRaw", round(report.ratio()));
    Map<String, Object> jvm = new LinkedHashMap<>();
    jvm.put("javaVersion", System.getProperty("java.version"));
    jvm.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    json.put("jvm", jvm);
    return json;
  }

  static void writeJson(Report report, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toJson(report));
  }

  /** Three decimals; NaN (nothing measured) becomes null. */
  private static Double round(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value * 1000) / 1000.0;
  }
}
