package io.eventca.custody;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The custody a signing service runs with, from its settings. Every refusal names the setting (as property and as
 * environment variable) and never the value, because the values are secrets that end up in start-up logs.
 */
public final class Custodies {
  private static final String HOW = "base64 of 32 random bytes (openssl rand -base64 32)";

  private Custodies() {}

  /** A {@link KekRing} for type kek (new keys under the current KEK), a {@link Pkcs11Custody} for type pkcs11. */
  public static CaKeyCustody create(CustodySettings settings) {
    return switch (settings.type()) {
      case kek -> ring(settings);
      case pkcs11 -> pkcs11(settings);
    };
  }

  static KekRing ring(CustodySettings settings) {
    String currentId = required(Optional.ofNullable(settings.kekId()), "eventca.custody.kek-id", "EVENTCA_CUSTODY_KEK_ID", "a name such as kek-1");
    Kek current = new Kek(currentId, decode(settings.kek(), "eventca.custody.kek", "EVENTCA_CUSTODY_KEK"));
    List<Kek> previous = new ArrayList<>();
    int position = 0;
    for (String entry : settings.previousKeks()) {
      position++;
      String where = "entry " + position + " of eventca.custody.previous-keks (EVENTCA_CUSTODY_PREVIOUS_KEKS)";
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalStateException(where + " is not id=base64: list previous KEKs as id=base64,id=base64");
      }
      String id = entry.substring(0, eq).trim();
      if (id.equals(currentId)) {
        throw new IllegalStateException(where + " has id " + id + ", which is the current KEK's (eventca.custody.kek-id)");
      }
      previous.add(new Kek(id, decode(Optional.of(entry.substring(eq + 1)), where, null)));
    }
    return new KekRing(current, previous);
  }

  private static Pkcs11Custody pkcs11(CustodySettings settings) {
    String token = required(settings.pkcs11Token(), "eventca.custody.pkcs11.token", "EVENTCA_CUSTODY_PKCS11_TOKEN", "the token label");
    String pin = required(settings.pkcs11Pin(), "eventca.custody.pkcs11.pin", "EVENTCA_CUSTODY_PKCS11_PIN", "the token's user PIN");
    if (!Files.isReadable(settings.pkcs11Library())) {
      throw new IllegalStateException("eventca.custody.pkcs11.library (EVENTCA_CUSTODY_PKCS11_LIBRARY): PKCS#11 module "
          + settings.pkcs11Library() + " does not exist or cannot be read");
    }
    return new Pkcs11Custody(settings.pkcs11Library(), token, pin.toCharArray());
  }

  private static String required(Optional<String> value, String property, String env, String what) {
    if (value.isEmpty() || value.get().isBlank()) {
      throw new IllegalStateException(property + " is missing: set " + env + " to " + what);
    }
    return value.get().trim();
  }

  /** @param env null when {@code setting} already says where it comes from */
  private static byte[] decode(Optional<String> base64, String setting, String env) {
    String how = (env == null ? "" : "set " + env + " to ") + HOW;
    if (base64.isEmpty() || base64.get().isBlank()) {
      throw new IllegalStateException(setting + " is missing: " + how);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.get().trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(setting + " is not base64: " + how);
    }
    if (bytes.length != 32) {
      throw new IllegalStateException(setting + " decodes to " + bytes.length + " bytes, but AES-256 needs exactly 32: " + how);
    }
    return bytes;
  }
}
