package io.eventca.events.fleet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventca.events.cert.CertificateRequested;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/**
 * The signature vector of docs/FLEET.md: the message RequestSignature builds, one ECDSA signature made once with
 * openssl, and what the worker does with it. issuer-worker's RequestSignatures decodes {@code signature} with
 * {@link Base64#getDecoder()} and verifies SHA256withECDSA with Bouncy Castle, catching every
 * GeneralSecurityException as "does not verify" (dead letter signature-invalid); this test does the same.
 */
class SignatureVectorTest {
  private static final Provider BC = new BouncyCastleProvider();
  private static final JsonNode VECTOR = FleetVectors.json(FleetVectors.SIGNATURE_VECTOR);
  private static final CertificateRequested REQUEST = FleetVectors.decode(VECTOR.path("request"));

  @Test
  void theMessageIsTheFiveLinesWithoutANewlineAtTheEnd() {
    String message = new String(RequestSignature.message(REQUEST), UTF_8);

    assertThat(message).isEqualTo(VECTOR.path("message").asText());
    assertThat(message.split("\n", -1)).containsExactly(
        "eventca-certificate-request-v1", "svc-1-1700000000", "svc-1", "eventca.replies", VECTOR.path("fingerprint").asText());
    assertThat(VECTOR.path("fingerprint").asText())
        .isEqualTo(RequestFingerprint.of(REQUEST))
        .isEqualTo(FleetVectors.fingerprintVector("minimal").sha256());
  }

  @Test
  void theStoredDerSignatureVerifiesAsTheWorkerVerifies() throws Exception {
    assertThat(verify(BC, publicKey(), RequestSignature.message(REQUEST), workerBase64(VECTOR.path("signatureDer").asText())))
        .isTrue();
    // The JDK's own provider agrees, so a client may check its signatures without Bouncy Castle.
    assertThat(verify(null, publicKey(), RequestSignature.message(REQUEST), workerBase64(VECTOR.path("signatureDer").asText())))
        .isTrue();
  }

  @Test
  void theSameSignatureInP1363FormIsRefused() {
    byte[] p1363 = workerBase64(VECTOR.path("signatureP1363").asText());
    assertThat(p1363).hasSize(64);

    // Not a false: the decoder of the DER structure throws, and the worker reports that as signature-invalid.
    assertThatThrownBy(() -> verify(BC, publicKey(), RequestSignature.message(REQUEST), p1363))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void p1363ConvertsToTheStoredDerAndBack() {
    byte[] der = workerBase64(VECTOR.path("signatureDer").asText());
    byte[] p1363 = workerBase64(VECTOR.path("signatureP1363").asText());

    assertThat(p1363ToDer(p1363)).isEqualTo(der);
    assertThat(derToP1363(der, 32)).isEqualTo(p1363);
  }

  /** What FLEET.md says of the base64: standard alphabet, padding optional, one line. */
  @Test
  void theSignatureIsStandardBase64PaddingOptionalOnOneLine() {
    String signature = VECTOR.path("signatureDer").asText();
    byte[] der = workerBase64(signature);
    assertThat(signature).endsWith("==").contains("/", "+");

    assertThat(workerBase64(signature.replace("=", ""))).isEqualTo(der);
    for (String refused : new String[] {
        signature.replace('+', '-').replace('/', '_'), signature.substring(0, 40) + "\n" + signature.substring(40),
        signature + "\n", signature.substring(0, signature.length() - 1)}) {
      assertThatThrownBy(() -> workerBase64(refused)).as(refused).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theBytesMatter_aNewlineAtTheEndOrAnotherReplyTopicDoesNotVerify() throws Exception {
    byte[] der = workerBase64(VECTOR.path("signatureDer").asText());
    byte[] message = RequestSignature.message(REQUEST);
    byte[] withNewline = Arrays.copyOf(message, message.length + 1);
    withNewline[message.length] = '\n';
    CertificateRequested noReplyTopic = FleetVectors.decode(((ObjectNode) VECTOR.path("request").deepCopy()).without("replyTopic"));

    assertThat(verify(BC, publicKey(), withNewline, der)).isFalse();
    // Absent, replyTopic is signed as an empty line though the answer goes to eventca.replies.
    assertThat(new String(RequestSignature.message(noReplyTopic), UTF_8)).contains("\nsvc-1\n\n");
    assertThat(verify(BC, publicKey(), RequestSignature.message(noReplyTopic), der)).isFalse();
  }

  @Test
  void theKeyPairIsOneP256Pair() throws Exception {
    PublicKey publicKey = publicKey();
    assertThat(((ECPublicKey) publicKey).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);

    PrivateKey privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pem(VECTOR.path("privateKeyPem").asText())));
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(privateKey);
    signer.update(RequestSignature.message(REQUEST));
    assertThat(verify(BC, publicKey, RequestSignature.message(REQUEST), signer.sign())).isTrue();
  }

  /** As RequestSignatures decodes it. */
  private static byte[] workerBase64(String signature) {
    return Base64.getDecoder().decode(signature);
  }

  private static boolean verify(Provider provider, PublicKey key, byte[] message, byte[] signature) throws Exception {
    Signature verifier = provider == null ? Signature.getInstance("SHA256withECDSA") : Signature.getInstance("SHA256withECDSA", provider);
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(signature);
  }

  private static PublicKey publicKey() throws Exception {
    return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(pem(VECTOR.path("publicKeyPem").asText())));
  }

  private static byte[] pem(String pem) {
    return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
  }

  /** FLEET.md's recipe: r and s, each half of the 64 bytes, as unsigned integers in a DER SEQUENCE. */
  static byte[] p1363ToDer(byte[] p1363) {
    int half = p1363.length / 2;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(p1363, 0, half));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(p1363, half, p1363.length));
    try {
      return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] derToP1363(byte[] der, int size) {
    ASN1Sequence sequence = ASN1Sequence.getInstance(der);
    byte[] out = new byte[2 * size];
    for (int i = 0; i < 2; i++) {
      byte[] value = ASN1Integer.getInstance(sequence.getObjectAt(i)).getPositiveValue().toByteArray();
      int from = Math.max(0, value.length - size);
      System.arraycopy(value, from, out, (i + 1) * size - (value.length - from), value.length - from);
    }
    return out;
  }
}
