package io.eventca.ca.api;

import io.eventca.ca.model.Db;
import io.eventca.ca.model.RequesterKeyRecord;
import io.eventca.keys.KeyFormat;
import io.eventca.keys.KeyMaterial;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * create_cert.sh's key generation, as a service: makes the requester's key pair, turns it into a CSR for the
 * normal issuance path, and keeps the private key only encrypted under the requester's passphrase. The
 * plaintext key lives in this JVM's memory for the length of one request and is written nowhere.
 */
@ApplicationScoped
public class ServerKeys {

  RequestCertificateBody.Validated generateFor(RequestCertificateBody.Validated validated) {
    RequestCertificateBody.ServerKey spec = validated.serverKey();
    KeyMaterial key = KeyMaterial.generate(spec.algorithm(), spec.keySize());
    byte[] encrypted = key.write(KeyFormat.PKCS8, spec.passphrase(), List.of(), null);
    RequesterKeyRecord row = new RequesterKeyRecord();
    row.requestId = validated.event().requestId().value();
    row.caId = validated.event().caId().value();
    row.keyAlgorithm = key.algorithm();
    row.keySize = key.keySize();
    row.encryptedPkcs8 = new String(encrypted, StandardCharsets.US_ASCII);
    row.createdAt = Instant.now();
    Db.inTransaction(row::persist);
    String csr = key.csrPem(validated.event().subject().commonName());
    Arrays.fill(spec.passphrase(), '\0');
    return validated.withCsr(csr);
  }

  /** The stored key of {@code requestId}, opened with the requester's passphrase. */
  static KeyMaterial open(String requestId, char[] passphrase) {
    RequesterKeyRecord row = Db.read(() -> RequesterKeyRecord.<RequesterKeyRecord>findById(requestId));
    if (row == null) {
      throw new ApiError(ApiError.Kind.NOT_FOUND,
          "this certificate was issued for a key its requester generated; eventca never had the private key");
    }
    return KeyMaterial.read(row.encryptedPkcs8.getBytes(StandardCharsets.US_ASCII), KeyFormat.PKCS8, passphrase);
  }
}
