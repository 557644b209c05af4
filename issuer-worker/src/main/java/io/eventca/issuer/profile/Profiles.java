package io.eventca.issuer.profile;

import io.eventca.events.KeyAlgorithm;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The certificate profiles this CA issues, as data. The EKUs are the Genesys Security Pack's: server
 * applications need serverAuth, clientAuth and emailProtection; GUI (client) applications clientAuth and
 * emailProtection.
 */
public final class Profiles {
  private static final Map<KeyAlgorithm, Integer> TLS_KEY_USAGE =
      Map.of(
          KeyAlgorithm.RSA, KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
          KeyAlgorithm.EC, KeyUsage.digitalSignature);

  public static final Profile SERVER =
      new Profile(
          "server",
          List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection),
          TLS_KEY_USAGE);

  public static final Profile CLIENT =
      new Profile("client", List.of(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection), TLS_KEY_USAGE);

  private static final Map<String, Profile> BY_NAME =
      List.of(SERVER, CLIENT).stream().collect(Collectors.toUnmodifiableMap(Profile::name, Function.identity()));

  private Profiles() {}

  public static Optional<Profile> byName(String name) {
    return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
  }

  public static Set<String> names() {
    return BY_NAME.keySet();
  }
}
