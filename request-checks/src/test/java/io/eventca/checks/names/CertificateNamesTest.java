package io.eventca.checks.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A searched name is read as the projection stored it, so a name stored is a name found. */
class CertificateNamesTest {
  @Test
  void aSearchedNameTakesTheStoredForm() {
    assertThat(CertificateNames.searchForm(" DB.Internal ")).isEqualTo("db.internal");
    assertThat(CertificateNames.searchForm("fd00:0::7")).isEqualTo(IpNames.of(new byte[] {(byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7}));
    assertThat(CertificateNames.searchForm("10.0.0.1")).isEqualTo("10.0.0.1");
    assertThat(CertificateNames.searchForm("::ffff:10.0.0.1")).isEqualTo(IpNames.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff,
        (byte) 0xff, 10, 0, 0, 1}));
    assertThat(CertificateNames.searchForm("Ops@Example.test")).isEqualTo("ops@example.test");
    assertThat(CertificateNames.searchForm("https://Example.test/Path")).isEqualTo("https://Example.test/Path");
  }
}
