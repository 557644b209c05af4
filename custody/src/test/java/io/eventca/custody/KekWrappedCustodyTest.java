package io.eventca.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KekWrappedCustodyTest {
  private static final byte[] KEK = new byte[32];
  private final KekWrappedCustody custody = new KekWrappedCustody("kek-1", KEK);

  @Test
  void givenAWrappedRsaKey_whenUnwrapped_thenItIsTheSameKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    CaKeyStored stored = custody.store(CaId.random(), pair);

    assertThat(custody.privateKey(stored).getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
  }

  @Test
  void theWrappedFormDoesNotContainThePlaintextKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    CaKeyStored stored = custody.store(CaId.random(), pair);

    byte[] wire = Base64.getDecoder().decode(stored.wrappedPrivateKey());
    assertThat(indexOf(wire, pair.getPrivate().getEncoded())).isEqualTo(-1);
    assertThat(stored.wrappedPrivateKey()).doesNotContain("PRIVATE KEY");
  }

  @Test
  void aKeyWrappedForOneCaCannotBeUnwrappedAsAnother() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    CaKeyStored stored = custody.store(CaId.random(), generator.generateKeyPair());
    CaKeyStored moved =
        new CaKeyStored(CaId.random(), stored.keyAlgorithm(), stored.kekId(), stored.wrappedPrivateKey(), stored.publicKeySha256());

    assertThatThrownBy(() -> custody.privateKey(moved)).hasMessageContaining("cannot unwrap");
  }

  @Test
  void anotherKekCannotUnwrap() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    CaKeyStored stored = custody.store(CaId.random(), generator.generateKeyPair());
    byte[] otherKek = new byte[32];
    otherKek[0] = 1;

    assertThatThrownBy(() -> new KekWrappedCustody("kek-1", otherKek).privateKey(stored)).hasMessageContaining("cannot unwrap");
    assertThatThrownBy(() -> new KekWrappedCustody("kek-2", otherKek).privateKey(stored)).hasMessageContaining("wrapped under KEK kek-1");
  }

  @Test
  void digestNamesMapToJcaAlgorithms() {
    assertThat(SignatureAlgorithms.jcaName("sha256", "RSA")).isEqualTo("SHA256withRSA");
    assertThat(SignatureAlgorithms.jcaName("SHA384", "EC")).isEqualTo("SHA384withECDSA");
    assertThatThrownBy(() -> SignatureAlgorithms.jcaName("md5", "RSA")).isInstanceOf(IllegalArgumentException.class);
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
    return -1;
  }

  @org.junit.jupiter.api.Test
  void signaturesMadeByThePerAlgorithmProviderVerifyWithTheJdk() throws Exception {
    for (String[] alg : new String[][] {{"EC", "secp256r1"}, {"RSA", "2048"}}) {
      java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance(alg[0]);
      if (alg[0].equals("EC")) {
        generator.initialize(new java.security.spec.ECGenParameterSpec(alg[1]));
      } else {
        generator.initialize(Integer.parseInt(alg[1]));
      }
      java.security.KeyPair pair = generator.generateKeyPair();
      org.bouncycastle.operator.ContentSigner signer = SignatureAlgorithms.signer(pair.getPrivate(), "sha256");
      byte[] data = "to be signed".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      signer.getOutputStream().write(data);
      java.security.Signature verifier = java.security.Signature.getInstance(SignatureAlgorithms.jcaName("sha256", alg[0]));
      verifier.initVerify(pair.getPublic());
      verifier.update(data);
      assertThat(verifier.verify(signer.getSignature())).as(alg[0]).isTrue();
    }
    assertThat(SignatureAlgorithms.providerFor("EC").getName()).isEqualTo("BC");
    assertThat(SignatureAlgorithms.providerFor("RSA").getName()).isEqualTo("SunRsaSign");
  }
}
