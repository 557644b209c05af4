package io.eventca.ca.rebuild;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which tables of ca-service's schema are the read model (rebuilt from the log, switched over) and which are not
 * (kept as they are: a rebuild must never lose them). A table in neither list stops a rebuild, so that a migration
 * adding one has to say which it is.
 */
public final class ReadModelTables {
  /** Every one written only by the projection, from events. */
  public static final List<String> PROJECTED = List.of("ca", "certificate_request", "certificate", "applied_event", "requester",
      "early_revocation", "key_download_lockout", "refused_fact", "certificate_name", "certificate_fact");

  /**
   * Not from the log: keys eventca generated for requesters (only ever encrypted), the passphrase-guess counts every
   * instance shares, and Flyway's own history.
   */
  public static final List<String> KEPT = List.of("requester_key", "key_download_guard", "flyway_schema_history");

  private ReadModelTables() {}

  /** The tables of {@code schema} that neither list names. */
  public static List<String> unclassified(Connection connection, String schema) throws SQLException {
    Set<String> known = new java.util.HashSet<>(PROJECTED);
    known.addAll(KEPT);
    List<String> unknown = new ArrayList<>();
    try (var statement = connection.prepareStatement(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
      statement.setString(1, schema);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          if (!known.contains(rows.getString(1))) {
            unknown.add(rows.getString(1));
          }
        }
      }
    }
    return unknown;
  }
}
