package io.eventca.custody;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a signing service is told about its custody, as {@link CustodyConfig} maps {@code eventca.custody.*}. Plain
 * accessors, so custodies can be built without Quarkus (tests, benchmarks); {@link Custodies#create} checks the values,
 * because only it knows which are needed for which type.
 */
public interface CustodySettings {
  /** Wire values of {@code eventca.custody.type}. */
  enum Type {
    kek,
    pkcs11
  }

  Type type();

  /** Name of the current KEK, recorded with every key wrapped under it. */
  String kekId();

  /** Base64 of the current KEK's 32 bytes; required for {@link Type#kek}. A secret. */
  Optional<String> kek();

  /** Previous KEKs, each {@code id=base64}; keys under them still unwrap until re-wrapped. Secrets. */
  List<String> previousKeks();

  Path pkcs11Library();

  /** Label of the PKCS#11 token; required for {@link Type#pkcs11}. */
  Optional<String> pkcs11Token();

  /** User PIN of that token; required for {@link Type#pkcs11}. A secret. */
  Optional<String> pkcs11Pin();

  /** Settings as a service maps them from its configuration; the object's toString prints no secret. */
  static CustodySettings of(Type type, String kekId, Optional<String> kek, List<String> previousKeks, Path library,
      Optional<String> token, Optional<String> pin) {
    return new Given(type, kekId, kek, List.copyOf(previousKeks), library, token, pin);
  }

  /** KEK settings given in code (tests, tools); the object's toString prints no secret. */
  static CustodySettings ofKek(String kekId, String kek, List<String> previousKeks) {
    return new Given(Type.kek, kekId, Optional.ofNullable(kek), List.copyOf(previousKeks), Pkcs11Custody.DEFAULT_LIBRARY,
        Optional.empty(), Optional.empty());
  }

  /** PKCS#11 settings given in code (tests, tools). */
  static CustodySettings ofPkcs11(Path library, String token, String pin) {
    return new Given(Type.pkcs11, "kek-1", Optional.empty(), List.of(), library, Optional.ofNullable(token), Optional.ofNullable(pin));
  }

  /** Deliberately not a record: a record's toString would print the KEK and the PIN. */
  final class Given implements CustodySettings {
    private final Type type;
    private final String kekId;
    private final Optional<String> kek;
    private final List<String> previousKeks;
    private final Path library;
    private final Optional<String> token;
    private final Optional<String> pin;

    private Given(Type type, String kekId, Optional<String> kek, List<String> previousKeks, Path library, Optional<String> token,
        Optional<String> pin) {
      this.type = type;
      this.kekId = kekId;
      this.kek = kek;
      this.previousKeks = previousKeks;
      this.library = library;
      this.token = token;
      this.pin = pin;
    }

    @Override public Type type() { return type; }
    @Override public String kekId() { return kekId; }
    @Override public Optional<String> kek() { return kek; }
    @Override public List<String> previousKeks() { return previousKeks; }
    @Override public Path pkcs11Library() { return library; }
    @Override public Optional<String> pkcs11Token() { return token; }
    @Override public Optional<String> pkcs11Pin() { return pin; }
  }
}
