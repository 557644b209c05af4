package io.eventca.events.fleet;

import io.eventca.events.SubjectName;
import io.eventca.events.cert.CertificateRequested;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a request asks for, as a lowercase hex SHA-256: a retry (same request id) with the same fingerprint is
 * the same request; a different fingerprint under a used request id is {@code request-id-reused}.
 *
 * <p>The hash is over the UTF-8 text of these fields, joined by {@code "\n"} (none at the end), null written as
 * {@code ""}: caId, profile, validityDays, csrPem (every CRLF turned into LF, then {@link String#trim}: characters
 * up to U+0020 removed at both ends), host, the seven subject fields (commonName, email, organizationalUnit,
 * organization, locality, state, country; all empty without a subject), subjectAltNames joined by {@code ","},
 * digestOrDefault() (sha256 when digest is null), sha1Accepted(). Who asked, when, under which request id and where
 * the answer goes (requestId, requestedBy, requestedAt, replyTopic) are not part of it. Never change this: the
 * fingerprints are on Kafka in CertificateIssued/CertificateRejected.requestSha256, and clients in other languages
 * compute it from the grammar and the test vectors of docs/FLEET.md.
 */
public final class RequestFingerprint {
  private RequestFingerprint() {}

  public static String of(CertificateRequested r) {
    Objects.requireNonNull(r, "request");
    return sha256Hex(canonicalText(r).getBytes(StandardCharsets.UTF_8));
  }

  /** The text that is hashed; package-private for the tests. */
  static String canonicalText(CertificateRequested r) {
    List<String> fields = new ArrayList<>();
    fields.add(r.caId() == null ? null : r.caId().value());
    fields.add(r.profile());
    fields.add(Integer.toString(r.validityDays()));
    fields.add(r.csrPem() == null ? null : r.csrPem().replace("\r\n", "\n").trim());
    fields.add(r.host());
    SubjectName s = r.subject();
    if (s == null) {
      for (int i = 0; i < 7; i++) {
        fields.add(null);
      }
    } else {
      fields.add(s.commonName());
      fields.add(s.email());
      fields.add(s.organizationalUnit());
      fields.add(s.organization());
      fields.add(s.locality());
      fields.add(s.state());
      fields.add(s.country());
    }
    fields.add(r.subjectAltNames() == null ? null : String.join(",", r.subjectAltNames()));
    fields.add(r.digestOrDefault());
    fields.add(Boolean.toString(r.sha1Accepted()));
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        text.append('\n');
      }
      String field = fields.get(i);
      text.append(field == null ? "" : field);
    }
    return text.toString();
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
