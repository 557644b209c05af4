package io.eventca.ca.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventca.ca.model.CertificateRecord;
import io.eventca.ca.model.Db;
import io.eventca.ca.search.CertificateQuery;
import io.eventca.ca.search.CertificateSearch;
import io.eventca.ca.search.Exports;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A search exported whole, streamed a page of {@value #PAGE} at a time by the search's own cursor, so an export of a
 * million certificates holds one page in memory: JSON lines (each what a search's item is), CSV (RFC 4180, with a
 * header) or OpenSSL's index.txt.
 */
final class HistoryExport {
  static final int PAGE = 1000;

  private HistoryExport() {}

  static StreamingOutput of(CertificateQuery query, Exports.Format format, ObjectMapper json) {
    return out -> {
      Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
      if (format == Exports.Format.CSV) {
        writer.write(Exports.csvHeader());
      }
      int left = query.limited() ? query.limit() : Integer.MAX_VALUE;
      // What was recorded when the export began, and nothing after: an ascending export would otherwise chase issuance.
      CertificateQuery snapshot = query.recordedBy(Db.read(CertificateSearch::lastRecorded));
      String next = null;
      do {
        CertificateQuery page = snapshot.continuedAt(next, Math.min(PAGE, left));
        CertificateSearch.Page rows = Db.read(() -> CertificateSearch.page(page));
        for (CertificateRecord row : rows.items()) {
          List<String> names = rows.names().getOrDefault(row.id, List.of());
          switch (format) {
            case NDJSON -> writer.write(json.writeValueAsString(Views.historyItem(row, names, query.at(), query.historical())) + "\n");
            case CSV -> writer.write(Exports.csvLine(row, names, query.at(), query.historical()));
            case INDEX_TXT -> writer.write(Exports.indexLine(row, query.at(), query.historical()) + "\n");
          }
        }
        left -= rows.items().size();
        next = rows.next();
        writer.flush();
      } while (next != null && left > 0);
      writer.flush();
    };
  }
}
