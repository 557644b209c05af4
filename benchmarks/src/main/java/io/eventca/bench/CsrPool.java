package io.eventca.bench;

import io.eventca.keys.KeyMaterial;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Requester CSRs made ahead of a run. Making a key pair per request would measure key generation, so a small pool
 * of key pairs is made and each CSR is signed by one of them for its own CN: every CSR still proves possession of
 * its key, which is what the CA checks.
 */
final class CsrPool {
  private final List<KeyMaterial> keys;

  /** @param keyType "ec" (P-256) or "rsa" (2048 bits) */
  CsrPool(String keyType, int size) {
    String algorithm = keyType.equals("rsa") ? "RSA" : "EC";
    int bits = keyType.equals("rsa") ? 2048 : 256;
    this.keys = IntStream.range(0, size).parallel().mapToObj(i -> KeyMaterial.generate(algorithm, bits)).toList();
  }

  int size() {
    return keys.size();
  }

  /** CSR PEM number i, for {@code cn}, signed by key i modulo the pool size. */
  String csr(int i, String cn) {
    return keys.get(i % keys.size()).csrPem(cn);
  }

  /** {@code count} CSRs, CN {@code r<i>.<domain>}, made in parallel. */
  List<String> csrs(int count, String domain) {
    return IntStream.range(0, count).parallel().mapToObj(i -> csr(i, "r" + i + "." + domain)).toList();
  }
}
