package io.eventca.ca.search;

import io.eventca.ca.model.Columns;
import io.eventca.checks.names.CertificateNames;
import java.util.List;

/**
 * {@code san}: a certificate with this subjectAltName (DNS name, IP address, e-mail address or URI), read as the
 * projection stored it (request-checks CertificateNames), so {@code DB.internal} finds {@code db.internal} and
 * {@code fd00:0::1} finds {@code fd00::1}. Given more than once, any of them.
 */
final class NameFilter implements Filter {
  @Override
  public String parameter() {
    return "san";
  }

  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public void apply(List<String> values, SearchContext context, SqlWhere where) {
    List<String> names = values.stream().map(value -> {
      if (value.isBlank() || value.length() > Columns.NAME) {
        throw new SearchProblem("san", "must hold 1 to " + Columns.NAME + " characters");
      }
      return CertificateNames.searchForm(value);
    }).toList();
    where.and("c.id IN (SELECT n.certificate_id FROM certificate_name n WHERE " + where.in("n.value", names) + ")");
  }
}
