package io.eventca.issuer.profile;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.profile.CertificateProfile;
import io.eventca.events.profile.CertificateProfiles;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The profiles this CA issues: the catalogue of events-schema ({@link CertificateProfiles#ALL}, which ca-service
 * shows operators) translated to Bouncy Castle values. A name the tables below do not know stops the class from
 * loading (the worker loads it at start-up), so a typo in the catalogue stops the worker instead of issuing
 * something else.
 */
public final class Profiles {
  /** RFC 5280 names of the extended key usages an end-entity may carry; anyExtendedKeyUsage is left out on purpose. */
  static final Map<String, KeyPurposeId> EXTENDED_KEY_USAGES =
      Map.of(
          "serverAuth", KeyPurposeId.id_kp_serverAuth,
          "clientAuth", KeyPurposeId.id_kp_clientAuth,
          "emailProtection", KeyPurposeId.id_kp_emailProtection,
          "codeSigning", KeyPurposeId.id_kp_codeSigning,
          "timeStamping", KeyPurposeId.id_kp_timeStamping,
          "OCSPSigning", KeyPurposeId.id_kp_OCSPSigning);

  /** RFC 5280 key usage names; keyCertSign and cRLSign are left out because no end-entity profile may grant them. */
  static final Map<String, Integer> KEY_USAGES =
      Map.of(
          "digitalSignature", KeyUsage.digitalSignature,
          "nonRepudiation", KeyUsage.nonRepudiation,
          "contentCommitment", KeyUsage.nonRepudiation,
          "keyEncipherment", KeyUsage.keyEncipherment,
          "dataEncipherment", KeyUsage.dataEncipherment,
          "keyAgreement", KeyUsage.keyAgreement,
          "encipherOnly", KeyUsage.encipherOnly,
          "decipherOnly", KeyUsage.decipherOnly);

  private static final Map<String, Profile> BY_NAME =
      CertificateProfiles.ALL.stream().map(Profiles::from)
          .collect(Collectors.toUnmodifiableMap(Profile::name, Function.identity()));

  public static final Profile SERVER = BY_NAME.get(CertificateProfiles.SERVER.name());
  public static final Profile CLIENT = BY_NAME.get(CertificateProfiles.CLIENT.name());

  private Profiles() {}

  public static Optional<Profile> byName(String name) {
    return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
  }

  public static Set<String> names() {
    return BY_NAME.keySet();
  }

  /** @throws IllegalArgumentException for a name the tables do not know, or a profile without key usages */
  static Profile from(CertificateProfile data) {
    List<KeyPurposeId> purposes =
        data.extendedKeyUsages().stream().map(n -> lookup(EXTENDED_KEY_USAGES, n, data, "extended key usage")).toList();
    Map<KeyAlgorithm, Integer> usages = new EnumMap<>(KeyAlgorithm.class);
    data.keyUsageByKeyType().forEach((keyType, names) -> {
      int bits = names.stream().mapToInt(n -> lookup(KEY_USAGES, n, data, "key usage")).reduce(0, (a, b) -> a | b);
      if (bits == 0) {
        throw new IllegalArgumentException("profile " + data.name() + " grants " + keyType + " keys no key usage");
      }
      usages.put(keyAlgorithm(keyType, data), bits);
    });
    if (purposes.isEmpty() || usages.isEmpty()) {
      throw new IllegalArgumentException("profile " + data.name() + " grants no extended key usage or no key usage");
    }
    if (data.maxValidityDays() < 1) {
      throw new IllegalArgumentException("profile " + data.name() + " has maxValidityDays " + data.maxValidityDays());
    }
    return new Profile(data.name(), purposes, usages, data.requiresHost(), data.commonNameInSubjectAltName(), data.maxValidityDays(),
        data.emailAddresses());
  }

  private static <T> T lookup(Map<String, T> table, String name, CertificateProfile data, String what) {
    T value = table.get(name);
    if (value == null) {
      throw new IllegalArgumentException("profile " + data.name() + " names unknown " + what + " '" + name + "'");
    }
    return value;
  }

  private static KeyAlgorithm keyAlgorithm(String keyType, CertificateProfile data) {
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      if (algorithm.name().equals(keyType)) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException("profile " + data.name() + " names unknown key type '" + keyType + "'");
  }
}
