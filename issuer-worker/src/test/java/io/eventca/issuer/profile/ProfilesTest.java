package io.eventca.issuer.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.events.KeyAlgorithm;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

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
}
