package io.eventca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.testkit.Csrs;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;

/**
 * The matcher of the secret scan, on planted secrets: each kind of private-key material and each encoding of a known
 * secret, put into a fake Kafka record, table cell or log line, is found; public material is not. So WalkthroughIT's
 * "nothing found" cannot pass because the scanner finds nothing at all.
 */
class SecretScannerTest {
  private static final String PASSPHRASE = "correct horse battery staple";
  private static final KeyPair RSA = Csrs.rsa(2048);
  private static final KeyPair EC = Csrs.ecP256();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretScanner scanner = new SecretScanner("table requester_key.encrypted_pkcs8")
      .secretInteger("the RSA private exponent", ((RSAPrivateCrtKey) RSA.getPrivate()).getPrivateExponent())
      .secretInteger("the EC private scalar", ((ECPrivateKey) EC.getPrivate()).getS())
      .passphrase("the passphrase", PASSPHRASE);

  @Test
  void givenPemPrivateKeysOfEveryKind_whenScanned_thenEachIsFound() throws Exception {
    for (String header : List.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY")) {
      String log = "2026-12-01 INFO something\n-----BEGIN " + header + "-----\nMIIE...\n-----END " + header + "-----\n";
      assertThat(scanner.scan("log ca-service.log", log)).as(header).isNotEmpty();
    }
  }

  @Test
  void givenPlaintextDerKeys_rawOrInBase64OrInAPemInsideJson_whenScanned_thenEachStructureIsFound() throws Exception {
    byte[] pkcs8Rsa = RSA.getPrivate().getEncoded();
    byte[] pkcs8Ec = EC.getPrivate().getEncoded();
    byte[] pkcs1 = PrivateKeyInfo.getInstance(pkcs8Rsa).parsePrivateKey().toASN1Primitive().getEncoded();
    byte[] sec1 = PrivateKeyInfo.getInstance(pkcs8Ec).parsePrivateKey().toASN1Primitive().getEncoded();
    // Other keys than the scanner knows: only the structure can give them away (as for the CA keys).
    byte[] unknownRsa = Csrs.rsa(2048).getPrivate().getEncoded();
    byte[] unknownEc = PrivateKeyInfo.getInstance(Csrs.ecP256().getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
    SecretScanner structuresOnly = new SecretScanner(null);
    for (byte[] der : List.of(pkcs8Rsa, pkcs8Ec, pkcs1, sec1, unknownRsa, unknownEc)) {
      assertThat(structuresOnly.scan("topic eventca.requests value", embedded(der))).as("raw DER").isNotEmpty();
      String b64 = Base64.getEncoder().encodeToString(der);
      assertThat(structuresOnly.scan("table certificate.certificate_pem", "{\"x\":\"" + b64 + "\"}")).as("base64").isNotEmpty();
      String pemInJson = "{\"data\":{\"pem\":\"" + pem("SOMETHING", der).replace("\n", "\\n") + "\"}}";
      assertThat(structuresOnly.scan("topic eventca.replies value", pemInJson)).as("PEM body under another name, in JSON").isNotEmpty();
      String doubly = Base64.getEncoder().encodeToString(("{\"inner\":\"" + b64 + "\"}").getBytes(StandardCharsets.UTF_8));
      assertThat(structuresOnly.scan("topic eventca.dead-letters value", doubly)).as("base64 inside base64").isNotEmpty();
    }
  }

  @Test
  void givenAPkcs12Blob_whenScanned_thenItIsFound() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("k", RSA.getPrivate(), PASSPHRASE.toCharArray(), new Certificate[] {selfSigned(RSA)});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, PASSPHRASE.toCharArray());
    byte[] pfx = out.toByteArray();
    SecretScanner structuresOnly = new SecretScanner(null);

    assertThat(structuresOnly.scan("topic x value", embedded(pfx))).extracting(SecretScanner.Finding::what)
        .anySatisfy(w -> assertThat(w).contains("PKCS#12"));
    assertThat(structuresOnly.scan("log x", Base64.getMimeEncoder().encodeToString(pfx))).extracting(SecretScanner.Finding::what)
        .anySatisfy(w -> assertThat(w).contains("PKCS#12"));
  }

  @Test
  void givenTheRawPrivateValuesOfKnownKeys_rawHexOrBase64_whenScanned_thenTheyAreFound() {
    byte[] d = unsigned(((RSAPrivateCrtKey) RSA.getPrivate()).getPrivateExponent());
    byte[] s = unsigned(((ECPrivateKey) EC.getPrivate()).getS());
    for (byte[] value : List.of(d, s)) {
      assertThat(scanner.scan("table ca.certificate_pem", embedded(value))).as("raw").isNotEmpty();
      assertThat(scanner.scan("log x", "d=" + HexFormat.of().formatHex(value))).as("hex").isNotEmpty();
      assertThat(scanner.scan("log x", "d=" + HexFormat.of().withUpperCase().formatHex(value))).as("HEX").isNotEmpty();
      assertThat(scanner.scan("log x", "{\"d\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(value) + "\"}"))
          .as("base64url, as a JWK has it").isNotEmpty();
      assertThat(scanner.scan("topic x value", Base64.getEncoder().encodeToString(embedded(value)))).as("inside base64").isNotEmpty();
    }
  }

  @Test
  void givenThePassphrase_plainEncodedOrInsideBase64_whenScanned_thenItIsFound() {
    assertThat(scanner.scan("log ca-service.log", "passphrase=" + PASSPHRASE)).isNotEmpty();
    assertThat(scanner.scan("log x", "GET /x?p=correct+horse+battery+staple")).isNotEmpty();
    assertThat(scanner.scan("log x", Base64.getEncoder().encodeToString(PASSPHRASE.getBytes(StandardCharsets.UTF_8)))).isNotEmpty();
    String request = "{\"passphrase\":\"" + PASSPHRASE + "\",\"profile\":\"server\"}";
    assertThat(scanner.scan("topic x value", Base64.getEncoder().encodeToString(request.getBytes(StandardCharsets.UTF_8)))).isNotEmpty();
  }

  @Test
  void givenAnEncryptedPkcs8_thenItIsAllowedInRequesterKeyOnly() throws Exception {
    String encrypted = encryptedPkcs8(RSA, PASSPHRASE);

    assertThat(scanner.scan("table requester_key.encrypted_pkcs8 row 1", encrypted)).as("the one allowed place").isEmpty();
    assertThat(scanner.scan("topic eventca.requests value", encrypted)).isNotEmpty();
    assertThat(scanner.scan("table certificate.certificate_pem row 1", encrypted)).isNotEmpty();
    String bodyOnly = encrypted.replaceAll("-----[A-Z ]+-----", "");
    assertThat(scanner.scan("log ca-service.log", bodyOnly)).as("without its PEM armour").isNotEmpty();
  }

  @Test
  void givenOnlyPublicMaterial_whenScanned_thenNothingIsFound() throws Exception {
    String csr = Csrs.csrPem(RSA, "CN=host.example.internal") + Csrs.csrPem(EC, "CN=ec.example.internal");
    String certificates = Csrs.pem(selfSigned(RSA)) + Csrs.pem(selfSigned(EC));
    String publicKeys = pem("PUBLIC KEY", RSA.getPublic().getEncoded()) + pem("PUBLIC KEY", EC.getPublic().getEncoded());
    String json = "{\"certificatePem\":\"" + certificates.replace("\n", "\\n") + "\",\"csrPem\":\"" + csr.replace("\n", "\\n") + "\"}";

    assertThat(scanner.scan("topic eventca.replies value", json)).isEmpty();
    assertThat(scanner.scan("log x", publicKeys + certificates + csr)).isEmpty();
    assertThat(scanner.scan("topic eventca.issuance value", selfSigned(RSA).getEncoded())).isEmpty();
    byte[] noise = new byte[1 << 20];
    RANDOM.nextBytes(noise);
    assertThat(scanner.scan("topic noise value", noise)).as("a MiB of random bytes").isEmpty();
  }

  private static byte[] embedded(byte[] secret) {
    byte[] before = new byte[37];
    byte[] after = new byte[23];
    RANDOM.nextBytes(before);
    RANDOM.nextBytes(after);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before);
    out.writeBytes(secret);
    out.writeBytes(after);
    return out.toByteArray();
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static String pem(String type, byte[] der) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new PemObject(type, der));
    }
    return out.toString();
  }

  private static String encryptedPkcs8(KeyPair keys, String passphrase) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(),
          new JceOpenSSLPKCS8EncryptorBuilder(org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_aes256_CBC)
              .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword(passphrase.toCharArray()).build()));
    }
    return out.toString();
  }

  private static java.security.cert.X509Certificate selfSigned(KeyPair keys) throws Exception {
    Instant now = Instant.now();
    String algorithm = keys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(new X500Name("CN=test"),
        BigInteger.valueOf(RANDOM.nextLong()).abs().add(BigInteger.ONE), Date.from(now), Date.from(now.plus(1, ChronoUnit.DAYS)),
        new X500Name("CN=test"), keys.getPublic()).build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
  }
}
