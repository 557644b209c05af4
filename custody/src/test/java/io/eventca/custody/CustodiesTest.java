package io.eventca.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustodiesTest {
  private static final String KEK_1 = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String KEK_2 = Base64.getEncoder().encodeToString(filled(7));

  @Test
  void aMissingKekStopsTheStartWithTheSettingsName() {
    assertThatThrownBy(() -> Custodies.create(CustodySettings.ofKek("kek-1", " ", List.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("eventca.custody.kek is missing")
        .hasMessageContaining("EVENTCA_CUSTODY_KEK");
  }

  @Test
  void aKekOf16BytesIsRefusedWithoutPrintingIt() {
    String kek = Base64.getEncoder().encodeToString("sixteen-byte-kek".getBytes());

    assertThatThrownBy(() -> Custodies.create(CustodySettings.ofKek("kek-1", kek, List.of())))
        .hasMessageContaining("eventca.custody.kek decodes to 16 bytes")
        .hasMessageNotContaining(kek);
  }

  @Test
  void aKekThatIsNotBase64IsRefusedWithoutPrintingIt() {
    assertThatThrownBy(() -> Custodies.create(CustodySettings.ofKek("kek-1", "not*base64!", List.of())))
        .hasMessageContaining("not base64")
        .hasMessageNotContaining("not*base64!");
  }

  @Test
  void aBadPreviousKekIsNamedByItsPositionAndNeverPrinted() {
    String shortKek = Base64.getEncoder().encodeToString(new byte[16]);

    assertThatThrownBy(() -> Custodies.create(CustodySettings.ofKek("kek-2", KEK_2, List.of("kek-1=" + KEK_1, "kek-0=" + shortKek))))
        .hasMessageContaining("entry 2 of eventca.custody.previous-keks (EVENTCA_CUSTODY_PREVIOUS_KEKS) decodes to 16 bytes")
        .hasMessageNotContaining(shortKek);
    assertThatThrownBy(() -> Custodies.create(CustodySettings.ofKek("kek-2", KEK_2, List.of(KEK_1))))
        .hasMessageContaining("entry 1 of eventca.custody.previous-keks (EVENTCA_CUSTODY_PREVIOUS_KEKS) is not id=base64")
        .hasMessageNotContaining(KEK_1);
    assertThatThrownBy(() -> Custodies.create(CustodySettings.ofKek("kek-2", KEK_2, List.of("kek-2=" + KEK_1))))
        .hasMessageContaining("the current KEK's");
  }

  @Test
  void aKekWithPreviousKeksIsARingThatWrapsUnderTheCurrentAndUnwrapsUnderThePrevious() {
    CaKeyStored underKek1 = Custodies.create(CustodySettings.ofKek("kek-1", KEK_1, List.of())).generate(CaId.random(), KeyAlgorithm.EC, 256).stored();

    CaKeyCustody custody = Custodies.create(CustodySettings.ofKek("kek-2", KEK_2, List.of("kek-1=" + KEK_1)));

    assertThat(custody).isInstanceOf(KekRing.class);
    assertThat(custody.holds(underKek1)).isTrue();
    assertThat(custody.generate(CaId.random(), KeyAlgorithm.EC, 256).stored().kekId()).isEqualTo("kek-2");
    assertThat(((KekRing) custody).rewrap(underKek1).kekId()).isEqualTo("kek-2");
  }

  @Test
  void pkcs11NeedsTokenAndPinAndAReadableModule() {
    assertThatThrownBy(() -> Custodies.create(CustodySettings.ofPkcs11(Pkcs11Custody.DEFAULT_LIBRARY, null, "1234")))
        .hasMessageContaining("eventca.custody.pkcs11.token is missing: set EVENTCA_CUSTODY_PKCS11_TOKEN");
    assertThatThrownBy(() -> Custodies.create(CustodySettings.ofPkcs11(Pkcs11Custody.DEFAULT_LIBRARY, "eventca-hsm", " ")))
        .hasMessageContaining("eventca.custody.pkcs11.pin is missing: set EVENTCA_CUSTODY_PKCS11_PIN");
    assertThatThrownBy(() -> Custodies.create(CustodySettings.ofPkcs11(Path.of("/nonexistent/libpkcs11.so"), "eventca-hsm", "secret-pin")))
        .hasMessageContaining("eventca.custody.pkcs11.library")
        .hasMessageContaining("/nonexistent/libpkcs11.so")
        .hasMessageNotContaining("secret-pin");
  }

  private static byte[] filled(int value) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
