package io.eventca.ca.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void rfc4180QuotesWhatWouldBreakTheLine() {
    assertThat(Csv.line(Arrays.asList("a", "CN=x,O=Example", "say \"hi\"", "two\nlines", null, "")))
        .isEqualTo("a,\"CN=x,O=Example\",\"say \"\"hi\"\"\",\"two\nlines\",,\r\n");
  }

  @Test
  void aFieldASpreadsheetWouldRunIsDefused() {
    assertThat(Csv.field("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    assertThat(Csv.field("+1")).isEqualTo("'+1");
    assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(Csv.field("CN=db.internal")).isEqualTo("CN=db.internal");
  }
}
