package io.eventca.system;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;

/**
 * Looks for private-key material and known secrets in bytes from anywhere (a Kafka record, a table cell, a log):
 * <ul>
 *   <li>PEM private-key headers ({@code PRIVATE KEY-----}: PKCS#8, encrypted PKCS#8, PKCS#1 "RSA", SEC1 "EC", ...);</li>
 *   <li>DER structures, found by their ASN.1 prefixes and confirmed by parsing them: PKCS#8 PrivateKeyInfo (RSA, EC),
 *       PKCS#1 RSAPrivateKey, SEC1 ECPrivateKey, PKCS#12 PFX and encrypted PKCS#8 (EncryptedPrivateKeyInfo);</li>
 *   <li>the same inside base64 (PEM bodies, JSON strings with {@code \n} escapes, base64 inside base64), at any alignment;</li>
 *   <li>known secrets (the private values of keys the test made, passphrases, the KEK): raw, hex, base64 and base64url,
 *       and inside base64.</li>
 * </ul>
 * One exception, the rule of docs/SECURITY.md: an encrypted PKCS#8 in the place that is allowed to hold it (ca-service's
 * {@code requester_key.encrypted_pkcs8}), the form a generated key is kept in for its requester. Everywhere else it is a
 * finding too. Findings say where and what, never the secret.
 */
final class SecretScanner {
  record Finding(String where, String what) {
    @Override
    public String toString() {
      return where + ": " + what;
    }
  }

  private static final byte[] RSA_OID_ALG = hex("300d06092a864886f70d0101010500");
  private static final byte[] EC_OID = hex("06072a8648ce3d0201");
  private static final byte[] PKCS7_DATA = hex("06092a864886f70d010701");
  private static final byte[] PKCS7_ENCRYPTED = hex("06092a864886f70d010706");
  private static final byte[] PBES2_OID = hex("06092a864886f70d01050d");
  private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/_-]{40,}={0,2}");
  private static final int MAX_DEPTH = 3;
  private static final Pattern PEM_PRIVATE_KEY = Pattern.compile("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----|PRIVATE KEY-----");

  private final Map<String, List<byte[]>> secrets = new LinkedHashMap<>();
  private final Map<String, List<String>> texts = new LinkedHashMap<>();
  private final String allowedEncryptedPkcs8Place;

  /** @param allowedEncryptedPkcs8Place the prefix of {@code where} that may hold an encrypted PKCS#8, or null for none */
  SecretScanner(String allowedEncryptedPkcs8Place) {
    this.allowedEncryptedPkcs8Place = allowedEncryptedPkcs8Place;
  }

  /** A secret value (a private exponent, a scalar, a KEK): looked for raw, as hex and as base64. */
  SecretScanner secretBytes(String name, byte[] value) {
    if (value.length < 16) {
      throw new IllegalArgumentException(name + " is too short to look for without false alarms");
    }
    secrets.computeIfAbsent(name, k -> new ArrayList<>()).add(value.clone());
    List<String> forms = texts.computeIfAbsent(name, k -> new ArrayList<>());
    HexFormat hex = HexFormat.of();
    forms.add(hex.formatHex(value));
    forms.add(hex.withUpperCase().formatHex(value));
    forms.add(HexFormat.ofDelimiter(":").formatHex(value));
    forms.add(Base64.getEncoder().withoutPadding().encodeToString(value));
    forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(value));
    return this;
  }

  /** A private integer (RSA d, p, q; an EC scalar): its unsigned big-endian bytes and its decimal form. */
  SecretScanner secretInteger(String name, BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    secretBytes(name, bytes);
    texts.get(name).add(value.toString());
    return this;
  }

  /** A passphrase: plain (UTF-8), URL-encoded, as base64, and inside base64. */
  SecretScanner passphrase(String name, String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    secrets.computeIfAbsent(name, k -> new ArrayList<>()).add(utf8);
    List<String> forms = texts.computeIfAbsent(name, k -> new ArrayList<>());
    forms.add(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
    forms.add(value.replace(" ", "%20"));
    forms.add(Base64.getEncoder().withoutPadding().encodeToString(utf8));
    forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(utf8));
    forms.add(HexFormat.of().formatHex(utf8));
    return this;
  }

  boolean knowsSecrets() {
    return !secrets.isEmpty();
  }

  List<Finding> scan(String where, byte[] content) {
    List<Finding> findings = new ArrayList<>();
    if (content != null && content.length > 0) {
      scan(where, content, 0, findings);
    }
    return findings;
  }

  List<Finding> scan(String where, String content) {
    return content == null ? List.of() : scan(where, content.getBytes(StandardCharsets.UTF_8));
  }

  private void scan(String where, byte[] content, int depth, List<Finding> findings) {
    String in = depth == 0 ? "" : " (inside base64, depth " + depth + ")";
    String latin1 = new String(content, StandardCharsets.ISO_8859_1);
    pemHeaders(where, latin1, in, findings);
    derStructures(where, content, in, findings);
    for (Map.Entry<String, List<byte[]>> secret : secrets.entrySet()) {
      for (byte[] value : secret.getValue()) {
        if (indexOf(content, value, 0) >= 0) {
          findings.add(new Finding(where, "the raw bytes of " + secret.getKey() + in));
        }
      }
    }
    String lower = latin1.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, List<String>> forms : texts.entrySet()) {
      for (String form : forms.getValue()) {
        if (latin1.contains(form) || (form.matches("[0-9a-fA-F:]+") && lower.contains(form.toLowerCase(Locale.ROOT)))) {
          findings.add(new Finding(where, "an encoded form of " + forms.getKey() + in));
          break;
        }
      }
    }
    if (depth < MAX_DEPTH) {
      for (byte[] decoded : base64Blobs(latin1)) {
        scan(where, decoded, depth + 1, findings);
      }
    }
  }

  private void pemHeaders(String where, String text, String in, List<Finding> findings) {
    Matcher m = PEM_PRIVATE_KEY.matcher(text);
    while (m.find()) {
      String kind = m.group(1) == null ? "" : m.group(1).strip();
      if (kind.equals("ENCRYPTED") && allowed(where)) {
        continue;
      }
      if (m.group(1) == null && text.startsWith("ENCRYPTED ", Math.max(0, m.start() - 10)) && allowed(where)) {
        continue;
      }
      findings.add(new Finding(where, "a PEM " + (kind.isEmpty() ? "" : kind + " ") + "PRIVATE KEY header" + in));
    }
  }

  private boolean allowed(String where) {
    return allowedEncryptedPkcs8Place != null && where.startsWith(allowedEncryptedPkcs8Place);
  }

  /** Candidates by prefix (a SEQUENCE header right before the version), each confirmed by parsing it. */
  private void derStructures(String where, byte[] b, String in, List<Finding> findings) {
    for (int i = 0; i + 8 < b.length; i++) {
      if (b[i] != 0x30) {
        continue;
      }
      int body = i + 1 + lengthOfLength(b, i + 1);
      if (body <= i + 1 || body + 3 > b.length) {
        continue;
      }
      String what = null;
      if (b[body] == 0x02 && b[body + 1] == 0x01 && b[body + 2] == 0x00) {
        // version 0: PrivateKeyInfo (then an AlgorithmIdentifier) or RSAPrivateKey (then the modulus).
        int next = body + 3;
        if (startsWith(b, next, RSA_OID_ALG) || (next + 2 < b.length && b[next] == 0x30 && startsWith(b, next + 2, EC_OID))) {
          what = parses(b, i, PrivateKeyInfo::getInstance) ? "a plaintext PKCS#8 PrivateKeyInfo" : null;
        } else if (next < b.length && b[next] == 0x02) {
          what = parses(b, i, o -> {
            RSAPrivateKey k = RSAPrivateKey.getInstance(o);
            if (k.getModulus().bitLength() < 256 || k.getPrivateExponent().signum() <= 0) {
              throw new IllegalArgumentException("too small to be a key");
            }
            return k;
          }) ? "a plaintext PKCS#1 RSAPrivateKey" : null;
        }
      } else if (b[body] == 0x02 && b[body + 1] == 0x01 && b[body + 2] == 0x01 && body + 4 < b.length && b[body + 3] == 0x04
          && (b[body + 4] == 0x20 || b[body + 4] == 0x30 || b[body + 4] == 0x42)) {
        what = parses(b, i, o -> {
          ECPrivateKey k = ECPrivateKey.getInstance(o);
          if (k.getKey().signum() <= 0) {
            throw new IllegalArgumentException("zero");
          }
          return k;
        }) ? "a plaintext SEC1 ECPrivateKey" : null;
      } else if (b[body] == 0x02 && b[body + 1] == 0x01 && b[body + 2] == 0x03 && body + 3 < b.length && b[body + 3] == 0x30) {
        int inner = body + 3 + 1 + lengthOfLength(b, body + 4);
        if (startsWith(b, inner, PKCS7_DATA) || startsWith(b, inner, PKCS7_ENCRYPTED)) {
          what = parses(b, i, Pfx::getInstance) ? "a PKCS#12 (PFX) blob" : null;
        }
      } else if (b[body] == 0x30) {
        int alg = body + 1 + lengthOfLength(b, body + 1);
        if (startsWith(b, alg, PBES2_OID) && parses(b, i, EncryptedPrivateKeyInfo::getInstance) && !allowed(where)) {
          what = "an encrypted PKCS#8 (EncryptedPrivateKeyInfo) outside its allowed place";
        }
      }
      if (what != null) {
        findings.add(new Finding(where, what + " at byte " + i + in));
      }
    }
  }

  /** 1 for a short length, 1 + n for a long form of n bytes; 0 when the byte is no valid DER length start. */
  private static int lengthOfLength(byte[] b, int at) {
    if (at >= b.length) {
      return 0;
    }
    int first = b[at] & 0xff;
    if (first < 0x80) {
      return 1;
    }
    int n = first & 0x7f;
    return n >= 1 && n <= 3 ? 1 + n : 0;
  }

  private static boolean parses(byte[] b, int at, java.util.function.Function<ASN1Primitive, Object> as) {
    try (ASN1InputStream in = new ASN1InputStream(new java.io.ByteArrayInputStream(b, at, b.length - at), b.length - at, true)) {
      ASN1Primitive object = in.readObject();
      return object != null && as.apply(object) != null;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Every base64 run (PEM line breaks and JSON "\n" escapes removed first), decoded at each of the 4 alignments. */
  private static List<byte[]> base64Blobs(String text) {
    String joined = text.replace("\\r", "").replace("\\n", "").replace("\\/", "/").replace("\r", "").replace("\n", "");
    List<byte[]> blobs = new ArrayList<>();
    Matcher m = BASE64_RUN.matcher(joined);
    while (m.find()) {
      String run = m.group().replace('-', '+').replace('_', '/').replace("=", "");
      for (int shift = 0; shift < 4 && shift < run.length(); shift++) {
        String part = run.substring(shift);
        if (part.length() % 4 == 1) {
          part = part.substring(0, part.length() - 1);
        }
        if (part.length() < 32) {
          continue;
        }
        try {
          blobs.add(Base64.getDecoder().decode(part));
        } catch (IllegalArgumentException notBase64) {
          // not at this alignment
        }
      }
    }
    return blobs;
  }

  private static boolean startsWith(byte[] b, int at, byte[] prefix) {
    if (at < 0 || at + prefix.length > b.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }
}
