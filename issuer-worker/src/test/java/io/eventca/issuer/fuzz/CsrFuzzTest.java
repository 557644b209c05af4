package io.eventca.issuer.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.errors.ErrorCode;
import io.eventca.checks.RequestProblem;
import io.eventca.checks.csr.CsrChecks;
import io.eventca.checks.names.SubjectAltNames;
import io.eventca.checks.csr.CheckedCsr;
import io.eventca.issuer.profile.Profiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The issuer-worker's CSR checks (CsrChecks: one PEM PKCS#10, KeyQuality, proof of possession) and the name
 * policy built on them (SubjectAltNames). Anything a requester can put in a CSR must end as a {@link RequestProblem}
 * with one of the CSR codes, which becomes a certificate-rejected event; any other exception turns a bad request
 * into an internal error or a dead letter, and an accepted CSR must only yield names the policy allows.
 */
class CsrFuzzTest {
  private static final List<String> CSR_CODES =
      List.of(ErrorCode.BAD_CSR.code(), ErrorCode.CSR_SIGNATURE_INVALID.code(), ErrorCode.WEAK_KEY.code(), ErrorCode.POLICY_VIOLATION.code());

  /**
   * Mutated DER, wrapped as PEM by the test: this reaches the parser, the key checks and the signature check, but
   * a mutated CSR almost never still verifies, so the policy is fuzzed by {@link #signedRequest} below.
   */
  @FuzzTest(maxDuration = "10s")
  void csrDer(byte[] der) {
    String pem = "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END CERTIFICATE REQUEST-----\n";
    validateAndApplyPolicy(pem);
  }

  /** Raw text, for the PEM framing itself: several blocks, other block types, headers, stray bytes. */
  @FuzzTest(maxDuration = "10s")
  void csrPemText(byte[] text) {
    validateAndApplyPolicy(new String(text, StandardCharsets.ISO_8859_1));
  }

  // One throw-away P-256 key signs every fuzzed request, so each one carries a valid proof of possession and
  // the subject and requested names get past the signature check to the policy.
  private static final KeyPair KEYS;
  private static final ContentSigner SIGNER;

  static {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KEYS = generator.generateKeyPair();
      SIGNER = new JcaContentSignerBuilder("SHA256withECDSA").build(KEYS.getPrivate());
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The input is the DER of the subject Name, the bytes {@code 0x00 0x00}, then the DER of the requested
   * Extensions (what a CSR's extensionRequest attribute holds). Inputs that are not DER of that shape are dropped:
   * BC's builder cannot make a CSR of them, so no requester could send them either.
   */
  @FuzzTest(maxDuration = "10s")
  void signedRequest(byte[] input) throws IOException {
    int split = indexOf(input, new byte[] {0, 0});
    X500Name subject;
    Extensions extensions = null;
    try {
      subject = X500Name.getInstance(ASN1Primitive.fromByteArray(split < 0 ? input : Arrays.copyOf(input, split)));
      if (split >= 0 && split + 2 < input.length) {
        extensions = Extensions.getInstance(ASN1Primitive.fromByteArray(Arrays.copyOfRange(input, split + 2, input.length)));
      }
    } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
      return;
    }
    JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject, KEYS.getPublic());
    if (extensions != null) {
      builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions);
    }
    PKCS10CertificationRequest csr;
    try {
      csr = builder.build(SIGNER);
    } catch (IllegalArgumentException | IllegalStateException e) {
      return;
    }
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(csr);
    }
    validateAndApplyPolicy(pem.toString());
  }

  /** The invariant shared by all three: a RequestProblem with a CSR code, or names the policy allows. */
  private static void validateAndApplyPolicy(String pem) {
    CheckedCsr csr;
    try {
      csr = CsrChecks.check(pem);
    } catch (RequestProblem e) {
      assertThat(e.code().code()).isIn(CSR_CODES);
      return;
    }
    assertThat(csr.keyAlgorithm()).isIn(KeyAlgorithm.RSA, KeyAlgorithm.EC);
    try {
      assertIssuable(SubjectAltNames.forCertificate(csr.subject(), csr.requestedNames()));
    } catch (RequestProblem e) {
      assertThat(e.code().code()).isIn(CSR_CODES);
    }
    try {
      assertIssuable(SubjectAltNames.forRequest(csr.subject(), Profiles.SERVER.nameRules(), null, null, csr.requestedNames()));
    } catch (RequestProblem e) {
      assertThat(e.code().code()).isIn(CSR_CODES);
    }
  }

  /** Only DNS names and IPv4/IPv6 addresses are ever issued, at most 100 of them, never none. */
  private static void assertIssuable(List<GeneralName> names) {
    assertThat(names).isNotEmpty().hasSizeLessThanOrEqualTo(100).doesNotHaveDuplicates();
    for (GeneralName name : names) {
      assertThat(name.getTagNo()).isIn(GeneralName.dNSName, GeneralName.iPAddress);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
