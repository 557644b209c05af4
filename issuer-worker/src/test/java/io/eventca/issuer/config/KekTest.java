package io.eventca.issuer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class KekTest {
  @Test
  void aMissingKekStopsTheStartWithTheSettingsName() {
    assertThatThrownBy(() -> Kek.custody("kek-1", " "))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("eventca.custody.kek is missing")
        .hasMessageContaining("EVENTCA_CUSTODY_KEK");
  }

  @Test
  void aKekOf16BytesIsRefusedWithoutPrintingIt() {
    String kek = Base64.getEncoder().encodeToString("sixteen-byte-kek".getBytes());

    assertThatThrownBy(() -> Kek.custody("kek-1", kek))
        .hasMessageContaining("decodes to 16 bytes")
        .hasMessageNotContaining(kek);
  }

  @Test
  void aKekThatIsNotBase64IsRefusedWithoutPrintingIt() {
    assertThatThrownBy(() -> Kek.custody("kek-1", "not*base64!"))
        .hasMessageContaining("not base64")
        .hasMessageNotContaining("not*base64!");
  }

  @Test
  void aKekOf32BytesMakesCustody() {
    assertThat(Kek.custody("kek-1", Base64.getEncoder().encodeToString(new byte[32]))).isNotNull();
  }
}
