package io.eventca.ca.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.ca.model.CertificateRecord;
import org.junit.jupiter.api.Test;

/** create_cert.sh's file names, and none that a file system or a shell would take for something else. */
class DownloadsTest {
  @Test
  void theFirstLabelOfTheHostNamesTheFiles_andAWildcardIsSpelledOut() {
    assertThat(Downloads.fileName(row("myhost.domain1.domain2.com"), "cert.pem")).isEqualTo("1f_myhost_cert.pem");
    assertThat(Downloads.fileName(row("*.wild.example"), "priv_key.pem")).isEqualTo("1f_wildcard-wild_priv_key.pem");
    assertThat(Downloads.fileName(row(null), "cert.pfx")).isEqualTo("1f_cert.pfx");
  }

  private static CertificateRecord row(String host) {
    CertificateRecord row = new CertificateRecord();
    row.serialNumber = "1f";
    row.host = host;
    return row;
  }
}
