package io.eventca.checks.subject;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The roles of eventca's API that a client certificate carries, as {@code OU=eventca-role:<role>}. ca-service's
 * login grants exactly {@link #granted}: OU values spelled exactly so, read by {@link Subjects#decode} (which refuses
 * every string type but UTF8String and PrintableString, and every invisible or control character). The issuer
 * refuses any requester's certificate whose OU merely {@link #resembles} a role claim, in any letter case, width,
 * compatibility form or with look-alike letters, so what the issuer lets through can never be read as a role.
 */
public final class RoleClaims {
  public static final String PREFIX = "eventca-role:";
  public static final Set<String> ROLES = Set.of("admin", "operator", "requester");

  /** Letters of other scripts that look like the Latin letters of "eventca-role" (Unicode confusables, the few that matter). */
  private static final Map<Integer, Character> LOOK_ALIKES = Map.ofEntries(
      Map.entry(0x0430, 'a'), Map.entry(0x0435, 'e'), Map.entry(0x0451, 'e'), Map.entry(0x043E, 'o'), Map.entry(0x0440, 'p'),
      Map.entry(0x0441, 'c'), Map.entry(0x0443, 'y'), Map.entry(0x0445, 'x'), Map.entry(0x0456, 'i'), Map.entry(0x0458, 'j'),
      Map.entry(0x04CF, 'l'), Map.entry(0x0501, 'd'), Map.entry(0x051B, 'q'), Map.entry(0x051D, 'w'), Map.entry(0x03BF, 'o'),
      Map.entry(0x03B1, 'a'), Map.entry(0x03B5, 'e'), Map.entry(0x03BD, 'v'), Map.entry(0x03C1, 'p'), Map.entry(0x03C4, 't'),
      Map.entry(0x03B9, 'i'), Map.entry(0x03BA, 'k'), Map.entry(0x0131, 'i'), Map.entry(0x017F, 's'), Map.entry(0x0261, 'g'),
      Map.entry(0x0251, 'a'), Map.entry(0x1D00, 'a'), Map.entry(0x1D07, 'e'), Map.entry(0x0274, 'n'), Map.entry(0x0280, 'r'),
      Map.entry(0x029F, 'l'), Map.entry(0x1D0F, 'o'), Map.entry(0x1D1B, 't'), Map.entry(0x1D04, 'c'), Map.entry(0x1D20, 'v'),
      Map.entry(0x0475, 'v'), Map.entry(0x0433, 'r'), Map.entry(0x04BB, 'h'), Map.entry(0x0578, 'n'), Map.entry(0x057D, 'u'),
      Map.entry(0x0585, 'o'), Map.entry(0x13A5, 'i'), Map.entry(0x0269, 'i'), Map.entry(0x0399, 'l'), Map.entry(0x0406, 'l'));

  private RoleClaims() {}

  /** The roles a strictly decoded subject grants: exact {@code eventca-role:<role>} OU values, nothing else. */
  public static List<String> granted(DecodedSubject subject) {
    return subject.values(SubjectAttribute.ORGANIZATIONAL_UNIT).stream()
        .filter(ou -> ou.startsWith(PREFIX) && ROLES.contains(ou.substring(PREFIX.length())))
        .map(ou -> ou.substring(PREFIX.length()))
        .distinct()
        .toList();
  }

  /**
   * Whether an OU value could be taken for a role claim by any reader: folded to NFKD (compatibility forms and accents apart), lower case, look-alike letters
   * replaced by the Latin ones and everything but letters and digits dropped, it starts with "eventcarole".
   */
  public static boolean resembles(String organizationalUnit) {
    String folded = Normalizer.normalize(organizationalUnit, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
    StringBuilder skeleton = new StringBuilder();
    folded.codePoints().forEach(cp -> {
      int c = LOOK_ALIKES.containsKey(cp) ? LOOK_ALIKES.get(cp) : cp;
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        skeleton.append((char) c);
      }
    });
    return skeleton.toString().startsWith("eventcarole");
  }
}
