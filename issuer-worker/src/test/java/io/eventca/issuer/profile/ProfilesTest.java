package io.eventca.issuer.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.profile.CertificateProfile;
import io.eventca.events.profile.CertificateProfiles;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfilesTest {
  @Test
  void serverCertificatesAuthenticateServersAndClientsAndProtectMail() {
    assertThat(Profiles.byName("server")).hasValueSatisfying(p -> assertThat(p.extendedKeyUsages()).containsExactly(
        KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection));
  }

  @Test
  void clientCertificatesDoNotAuthenticateServers() {
    assertThat(Profiles.byName("client")).hasValueSatisfying(p -> assertThat(p.extendedKeyUsages())
        .containsExactly(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection)
        .doesNotContain(KeyPurposeId.id_kp_serverAuth));
  }

  @Test
  void rsaKeysMayEncipherKeysAndEcKeysOnlySign() {
    assertThat(Profiles.SERVER.keyUsageFor(KeyAlgorithm.RSA)).isEqualTo(new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    assertThat(Profiles.SERVER.keyUsageFor(KeyAlgorithm.EC)).isEqualTo(new KeyUsage(KeyUsage.digitalSignature));
    assertThat(Profiles.CLIENT.keyUsageFor(KeyAlgorithm.EC)).isEqualTo(new KeyUsage(KeyUsage.digitalSignature));
  }

  @Test
  void unknownProfilesAreNotFound() {
    assertThat(Profiles.byName("codeSigning")).isEmpty();
    assertThat(Profiles.byName(null)).isEmpty();
    assertThat(Profiles.names()).containsExactlyInAnyOrder("server", "client");
  }

  @Test
  void everyProfileComesFromTheSharedCatalogue() {
    assertThat(Profiles.names()).containsExactlyInAnyOrderElementsOf(CertificateProfiles.ALL.stream().map(CertificateProfile::name).toList());
    for (CertificateProfile data : CertificateProfiles.ALL) {
      Profile profile = Profiles.byName(data.name()).orElseThrow();
      assertThat(profile.extendedKeyUsages()).hasSameSizeAs(data.extendedKeyUsages());
      assertThat(profile.requiresHost()).isEqualTo(data.requiresHost());
      assertThat(profile.commonNameInSubjectAltName()).isEqualTo(data.commonNameInSubjectAltName());
      assertThat(profile.maxValidityDays()).isEqualTo(data.maxValidityDays());
    }
    assertThat(Profiles.SERVER.commonNameInSubjectAltName()).isTrue();
    assertThat(Profiles.CLIENT.commonNameInSubjectAltName()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown extended key usage | bogusAuth  | digitalSignature | RSA | unknown extended key usage 'bogusAuth'
      anyExtendedKeyUsage        | anyExtendedKeyUsage | digitalSignature | RSA | unknown extended key usage 'anyExtendedKeyUsage'
      unknown key usage          | serverAuth | signEverything   | RSA | unknown key usage 'signEverything'
      a CA usage in a leaf       | serverAuth | keyCertSign      | RSA | unknown key usage 'keyCertSign'
      unknown key type           | serverAuth | digitalSignature | DSA | unknown key type 'DSA'
      """)
  void unknownNamesInTheCatalogueFailFast(String what, String eku, String keyUsage, String keyType, String message) {
    CertificateProfile data =
        new CertificateProfile("broken", what, List.of(eku), Map.of(keyType, List.of(keyUsage)), false, true, 365, false);

    assertThatThrownBy(() -> Profiles.from(data)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }

  @Test
  void aKeyTypeWithoutKeyUsagesFailsFast() {
    CertificateProfile data = new CertificateProfile("empty", "", List.of("serverAuth"), Map.of("EC", List.of()), false, true, 365, false);

    assertThatThrownBy(() -> Profiles.from(data)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EC keys no key usage");
  }
}
