package io.eventca.ca.projection;

import io.eventca.ca.model.CertificateRecord;
import io.eventca.ca.model.Columns;
import io.eventca.checks.csr.KeySize;
import io.eventca.checks.names.CertificateNames;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What the issuance history searches, read from the certificate itself when its row is created: its subjectAltNames
 * (request-checks CertificateNames, the reading the search uses too), its key, and the text {@code q} looks in.
 */
final class SearchColumns {
  private SearchColumns() {}

  /** Names and key from the certificate; nothing when it cannot be read (FactChecks has said so already). */
  static void readCertificate(CertificateRecord row, X509CertificateHolder certificate) {
    if (certificate == null) {
      return;
    }
    // Fitted, never dropped: a name eventca issues always fits; a forged or odd one is kept escaped and cut (Columns.fit).
    row.names = CertificateNames.of(certificate).stream()
        .map(name -> new CertificateNames.Name(name.kind(), Columns.fit(name.value(), Columns.NAME))).distinct().toList();
    KeySize.of(certificate.getSubjectPublicKeyInfo()).ifPresent(key -> {
      row.keyAlgorithm = key.algorithm().name();
      row.keySize = key.bits();
    });
  }

  /** The row with its search text, once every column it is made of is set. */
  static CertificateRecord filled(CertificateRecord row) {
    StringBuilder text = new StringBuilder(row.subjectDn == null ? "" : row.subjectDn);
    row.names.forEach(name -> text.append(' ').append(name.value()));
    if (row.host != null) {
      text.append(' ').append(row.host);
    }
    row.searchText = text.toString().toLowerCase(Locale.ROOT);
    return row;
  }

  /** One statement for all of a new row's names; certificate_name has no foreign key, so it needs no flush first. */
  static Uni<Void> writeNames(CertificateRecord row) {
    List<CertificateNames.Name> names = row.names;
    if (names.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    StringBuilder sql = new StringBuilder("INSERT INTO certificate_name (certificate_id, kind, value) VALUES ");
    for (int i = 0; i < names.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(:id, :k").append(i).append(", :v").append(i).append(')');
    }
    sql.append(" ON CONFLICT DO NOTHING");
    return Panache.getSession().chain(session -> {
      var query = session.createNativeQuery(sql.toString()).setParameter("id", row.id);
      for (int i = 0; i < names.size(); i++) {
        query.setParameter("k" + i, names.get(i).kind().name()).setParameter("v" + i, names.get(i).value());
      }
      return query.executeUpdate();
    }).replaceWithVoid();
  }
}
