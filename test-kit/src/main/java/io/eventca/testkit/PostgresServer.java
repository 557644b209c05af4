package io.eventca.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One private PostgreSQL per test JVM, made with the machine's server binaries (initdb, pg_ctl) in a
 * temp dir, on a free port, with trust auth. initdb refuses root, so as root it runs as the postgres user.
 * Set EVENTCA_PG_BIN to pick the binaries; otherwise the newest /usr/lib/postgresql/N/bin is used.
 */
public final class PostgresServer {
  private static PostgresServer instance;

  private final Path dir;
  private final int port;
  private final List<String> asUser;
  private final Path bin;

  private PostgresServer(Path dir, int port, List<String> asUser, Path bin) {
    this.dir = dir;
    this.port = port;
    this.asUser = asUser;
    this.bin = bin;
  }

  public static synchronized PostgresServer get() {
    if (instance == null) {
      instance = start();
      Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "postgres-stop"));
    }
    return instance;
  }

  public int port() {
    return port;
  }

  public String user() {
    return "postgres";
  }

  /** Creates a fresh database and returns its name; tests in one JVM do not see each other's tables. */
  public String createDatabase(String prefix) {
    String name = (prefix + "_" + Long.toHexString(System.nanoTime())).toLowerCase().replaceAll("[^a-z0-9_]", "_");
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user(), "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return name;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + port + "/" + database;
  }

  public String reactiveUrl(String database) {
    return "postgresql://localhost:" + port + "/" + database;
  }

  private static PostgresServer start() {
    try {
      Path bin = findBinaries();
      boolean root = "root".equals(System.getProperty("user.name"));
      List<String> asUser = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
      Path dir = Files.createTempDirectory("eventca-pg-");
      if (root) {
        run(List.of("chown", "postgres", dir.toString()));
      }
      int port = freePort();
      Path data = dir.resolve("data");
      run(concat(asUser, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
          "--auth=trust", "-E", "UTF8", "--no-sync"));
      run(concat(asUser, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l",
          dir.resolve("server.log").toString(), "-o",
          "-p " + port + " -k " + dir + " -c listen_addresses=localhost -c fsync=off -c max_connections=200",
          "start"));
      return new PostgresServer(dir, port, asUser, bin);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a private PostgreSQL", e);
    }
  }

  private void stop() {
    try {
      run(concat(asUser, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m",
          "immediate", "stop"));
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException | RuntimeException ignored) {
      // best effort at JVM exit
    }
  }

  static Path findBinaries() throws IOException {
    String configured = System.getenv("EVENTCA_PG_BIN");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("no PostgreSQL server binaries: install postgresql or set EVENTCA_PG_BIN");
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
          .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql/*/bin"));
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static List<String> concat(List<String> prefix, String... rest) {
    List<String> all = new ArrayList<>(prefix);
    all.addAll(Arrays.asList(rest));
    return all;
  }

  private static void run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }
}
