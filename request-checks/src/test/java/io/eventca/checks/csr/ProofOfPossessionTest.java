package io.eventca.checks.csr;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProofOfPossessionTest {

  @ParameterizedTest
  @CsvSource({"EC, SHA256withECDSA", "EC, SHA384withECDSA", "RSA, SHA256withRSA", "RSA, SHA512withRSA"})
  void aCsrSignedWithItsOwnKeyProvesPossession_oneSignedWithAnotherKeyOrAlteredDoesNot(String algorithm, String signature)
      throws Exception {
    KeyPair own = keys(algorithm);
    KeyPair other = keys(algorithm);

    assertThat(ProofOfPossession.verifies(csr(own, own, signature))).isTrue();
    assertThat(ProofOfPossession.verifies(csr(own, other, signature))).isFalse();
    assertThat(ProofOfPossession.verifies(altered(csr(own, own, signature)))).isFalse();
  }

  private static KeyPair keys(String algorithm) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (algorithm.equals("EC")) {
      generator.initialize(new ECGenParameterSpec("secp256r1"));
    } else {
      generator.initialize(2048);
    }
    return generator.generateKeyPair();
  }

  /** A CSR for {@code subject}'s public key, signed with {@code signer}'s private key. */
  private static PKCS10CertificationRequest csr(KeyPair subject, KeyPair signer, String signature) throws Exception {
    return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=pop.example.internal"), subject.getPublic())
        .build(new JcaContentSignerBuilder(signature).build(signer.getPrivate()));
  }

  /** The same CSR with one bit of its signed content (the last byte of the public key) flipped. */
  private static PKCS10CertificationRequest altered(PKCS10CertificationRequest csr) throws Exception {
    byte[] der = csr.getEncoded();
    byte[] key = csr.getSubjectPublicKeyInfo().getEncoded();
    int at = indexOf(der, key) + key.length - 1;
    der[at] ^= 0x01;
    return new PKCS10CertificationRequest(der);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("public key not found in the CSR");
  }
}
