package io.eventca.ca.rebuild;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;

/**
 * The schemas of a rebuild, over JDBC: a fresh one made by the same Flyway migrations as the live one, and the
 * switch-over, which moves the read-model tables in one transaction (the API's next query reads the new ones; one
 * running when it happens finishes on the old ones first).
 */
@ApplicationScoped
public class RebuildSchemas {
  /** Names eventca makes itself; checked anyway before they go into DDL. */
  private static final Pattern NAME = Pattern.compile("(rebuild|retired)_[0-9]{8}_[0-9]{6}");
  static final String LIVE = "public";

  private final AgroalDataSource dataSource;
  private final Flyway flyway;

  public RebuildSchemas(AgroalDataSource dataSource, Flyway flyway) {
    this.dataSource = dataSource;
    this.flyway = flyway;
  }

  /**
   * Held for a whole rebuild, so that two instances sharing the database never rebuild at once: a session advisory
   * lock, released when the connection closes (also when the instance dies).
   */
  Connection exclusive() throws SQLException {
    Connection connection = dataSource.getConnection();
    try (Statement statement = connection.createStatement();
        var result = statement.executeQuery("SELECT pg_try_advisory_lock(hashtext('eventca-read-model-rebuild'))")) {
      if (result.next() && result.getBoolean(1)) {
        return connection;
      }
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
    connection.close();
    throw new IllegalStateException("another ca-service instance is rebuilding the read model");
  }

  /**
   * A fresh schema with every migration applied; the tables that are not the read model are dropped from it at
   * once, so that what the projection reads of them during the replay is the live ones.
   */
  void create(String schema) throws SQLException {
    check(schema);
    try (Connection connection = dataSource.getConnection()) {
      List<String> unknown = ReadModelTables.unclassified(connection, LIVE);
      if (!unknown.isEmpty()) {
        throw new IllegalStateException("tables neither projected nor kept (ReadModelTables): " + unknown);
      }
    }
    // The configuration Quarkus built (it knows where the migrations are in a packaged service), on another schema.
    Flyway.configure().configuration(flyway.getConfiguration()).schemas(schema).defaultSchema(schema).createSchemas(true).load().migrate();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      for (String table : ReadModelTables.KEPT) {
        if (!table.equals("flyway_schema_history")) {
          statement.execute("DROP TABLE " + schema + "." + table);
        }
      }
    }
  }

  /** Moves the live read model into {@code retired} and the rebuilt one into its place, all at once. */
  void switchOver(String rebuilt, String retired) throws SQLException {
    check(rebuilt);
    check(retired);
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        // A long export holds its tables: wait a little for it, never block every query behind the switch for long.
        statement.execute("SET LOCAL lock_timeout = '10s'");
        statement.execute("CREATE SCHEMA " + retired);
        for (String table : ReadModelTables.PROJECTED) {
          statement.execute("ALTER TABLE " + LIVE + "." + table + " SET SCHEMA " + retired);
        }
        for (String table : ReadModelTables.PROJECTED) {
          statement.execute("ALTER TABLE " + rebuilt + "." + table + " SET SCHEMA " + LIVE);
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  void drop(String schema) throws SQLException {
    check(schema);
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static void check(String schema) {
    if (!NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException("not a rebuild schema name: " + schema);
    }
  }
}
