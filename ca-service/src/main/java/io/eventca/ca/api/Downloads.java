package io.eventca.ca.api;

import io.eventca.ca.model.CertificateRecord;

/** File names of the vendor scripts' repository: {@code <serial>_<host>_cert.pem}, {@code ..._priv_key.pem}, {@code ..._cert.pfx}. */
final class Downloads {
  private Downloads() {}

  /**
   * {@code <serial>_<host>_<suffix>}, where host is the first label of the DNS host name, as create_cert.sh
   * names its files ({@code wildcard-<label>} for {@code *.<label>...}: a "*" is no file name on Windows and a glob in
   * a shell); without a host, {@code <serial>_<suffix>}. Both parts are then [0-9a-z-], so the name is safe in a header.
   */
  static String fileName(CertificateRecord row, String suffix) {
    if (row.host == null) {
      return row.serialNumber + "_" + suffix;
    }
    boolean wildcard = row.host.startsWith("*.");
    String host = wildcard ? row.host.substring(2) : row.host;
    int dot = host.indexOf('.');
    String shortName = (wildcard ? "wildcard-" : "") + (dot < 0 ? host : host.substring(0, dot));
    return row.serialNumber + "_" + shortName + "_" + suffix;
  }

  static String attachment(String fileName) {
    return "attachment; filename=\"" + fileName + "\"";
  }
}
