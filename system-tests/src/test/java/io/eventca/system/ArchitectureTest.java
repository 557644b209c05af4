package io.eventca.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.junit.jupiter.api.Test;

/**
 * Modules are security boundaries: only the signing services (issuer-worker, crl-publisher) may reach
 * key custody or hold private keys; ca-service and the shared contract never do.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.eventca");

  private static final String[] SIGNERS = {"io.eventca.issuer..", "io.eventca.crl..", "io.eventca.custody.."};
  /**
   * Besides the signers: keys generates requesters' end-entity keys (create_cert.sh) behind an API that never
   * exposes a PrivateKey, tokens holds the token-signing key (./eventca-token, never a CA key), and test-kit plays
   * the requesters in tests; no service ships test-kit or tokens.
   */
  private static final String[] MAY_HOLD_KEYS = {
    "io.eventca.issuer..", "io.eventca.crl..", "io.eventca.custody..", "io.eventca.keys..", "io.eventca.tokens..",
    "io.eventca.testkit.."
  };

  @Test
  void onlyTheSigningServicesReachCustody() {
    ArchRule rule = noClasses().that().resideOutsideOfPackages(SIGNERS)
        .should().dependOnClassesThat().resideInAPackage("io.eventca.custody..")
        .because("CA keys are unwrapped only inside issuer-worker and crl-publisher");
    rule.check(MAIN);
  }

  @Test
  void onlyTheSigningServicesTouchPrivateKeys() {
    ArchRule rule = noClasses().that().resideOutsideOfPackages(MAY_HOLD_KEYS)
        .should().dependOnClassesThat().haveFullyQualifiedName("java.security.PrivateKey")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.KeyPair")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.KeyPairGenerator")
        .because("no private key exists outside the signing services");
    rule.check(MAIN);
  }

  /**
   * The classes that sign with a CA key, each through a custody's signer after its own checks: certificates
   * (IssuanceCycle, CaCreator for roots, IntermediateIssuer, each lint-then-sign through a LintedTbs), CRLs
   * (CrlCycle), OCSP responses and responder certificates (CaKeySigning, DelegatedSigning), and the proof that a
   * custody holds a CA's key (KeyProof signs a throw-away challenge). The custody classes themselves are the custody.
   */
  private static final Set<String> CA_KEY_USERS = Set.of(
      "io.eventca.issuer.issue.IssuanceCycle", "io.eventca.issuer.ca.CaCreator", "io.eventca.issuer.ca.IntermediateIssuer",
      "io.eventca.crl.CrlCycle", "io.eventca.crl.ocsp.CaKeySigning", "io.eventca.crl.ocsp.DelegatedSigning",
      "io.eventca.custody.KeyProof");

  private static final DescribedPredicate<JavaMethodCall> A_CUSTODY_SIGNER_OR_KEY =
      new DescribedPredicate<>("a CaKeyCustody's signer or privateKey") {
        @Override
        public boolean test(JavaMethodCall call) {
          return call.getTargetOwner().isAssignableTo("io.eventca.custody.CaKeyCustody")
              && (call.getName().equals("signer") || call.getName().equals("privateKey"));
        }
      };

  private static final DescribedPredicate<JavaClass> A_CA_KEY_USER = new DescribedPredicate<>("a class that signs with a CA key") {
    @Override
    public boolean test(JavaClass c) {
      String outer = c.getName().contains("$") ? c.getName().substring(0, c.getName().indexOf('$')) : c.getName();
      return CA_KEY_USERS.contains(outer) || c.getPackageName().equals("io.eventca.custody");
    }
  };

  @Test
  void onlyTheSigningClassesReachACustodySigner() {
    noClasses().that(DescribedPredicate.not(A_CA_KEY_USER))
        .should().callMethodWhere(A_CUSTODY_SIGNER_OR_KEY)
        .because("whoever holds a CA key's signer can sign anything; each class that may is named and checks first")
        .check(MAIN);
    // A method reference (custody::signer) is no call: it is checked here, the same way.
    List<String> references = MAIN.stream().filter(c -> !A_CA_KEY_USER.test(c))
        .flatMap(c -> c.getMethodReferencesFromSelf().stream())
        .filter(r -> r.getTargetOwner().isAssignableTo("io.eventca.custody.CaKeyCustody")
            && (r.getName().equals("signer") || r.getName().equals("privateKey")))
        .map(r -> r.getDescription()).toList();
    org.assertj.core.api.Assertions.assertThat(references).as("method references to a custody's signer or key").isEmpty();
  }

  @Test
  void theSigningClassesAreWhereTheRuleSaysTheyAre() {
    // A class renamed or moved would leave the rule above naming nothing: every CA_KEY_USERS entry must exist and
    // call a custody signer, so the list cannot go stale while the rule keeps passing.
    for (String name : CA_KEY_USERS) {
      JavaClass c = MAIN.get(name);
      boolean calls = MAIN.stream().filter(k -> k.getName().equals(name) || k.getName().startsWith(name + "$"))
          .flatMap(k -> k.getMethodCallsFromSelf().stream()).anyMatch(A_CUSTODY_SIGNER_OR_KEY);
      org.assertj.core.api.Assertions.assertThat(calls).as(c.getName() + " calls a custody signer").isTrue();
    }
  }

  /**
   * A certificate is made by lint-then-sign (cert-lint's LintedSigner takes a LintedTbs) and by nothing that
   * builds and signs in one go. One exception, named: custody's HolderCertificate (a self-signed stub that only
   * indexes a CA key inside a PKCS#11 token and never leaves it). crl-publisher's OCSP responder certificates are linted
   * too (ResponderCertificates, Linter.forOcspResponders).
   */
  @Test
  void noCertificateIsSignedWithoutLint() {
    DescribedPredicate<JavaClass> aCertificateBuilder = DescribedPredicate.describe("a certificate builder",
        c -> c.isAssignableTo(X509v3CertificateBuilder.class) || c.isAssignableTo(X509v1CertificateBuilder.class));
    noClasses().that().doNotHaveFullyQualifiedName("io.eventca.custody.HolderCertificate")
        .should().callMethodWhere(DescribedPredicate.describe("a certificate builder's build",
            call -> aCertificateBuilder.test(call.getTargetOwner()) && call.getName().startsWith("build")))
        .orShould().callConstructorWhere(DescribedPredicate.describe("a certificate builder's constructor",
            call -> aCertificateBuilder.test(call.getTargetOwner())))
        .because("every certificate, roots included, is linted before it is signed (LintedSigner takes a LintedTbs)")
        .check(MAIN);
  }

  @Test
  void requesterKeysNeverMeetCaKeys() {
    noClasses().that().resideInAPackage("io.eventca.keys..")
        .should().dependOnClassesThat().resideInAnyPackage("io.eventca.custody..", "io.eventca.ca..", "io.eventca.issuer..")
        .because("the module that hands keys to requesters must not be able to reach CA keys")
        .check(MAIN);
  }

  @Test
  void theTokenMinterNeverReachesCaKeysOrAService() {
    noClasses().that().resideInAPackage("io.eventca.tokens..")
        .should().dependOnClassesThat().resideInAnyPackage("io.eventca.custody..", "io.eventca.keys..", "io.eventca.ca..",
            "io.eventca.issuer..", "io.eventca.crl..", "io.eventca.service..")
        .because("the token-signing key is the only key the tokens module holds; a CA key must stay out of its reach")
        .check(MAIN);
  }

  /** ca-service verifies tokens with the public key only; the code that signs them must not ship inside it. */
  @Test
  void onlyTheTokenToolMintsTokens() {
    noClasses().that().resideOutsideOfPackage("io.eventca.tokens..")
        .should().dependOnClassesThat().resideInAPackage("io.eventca.tokens..")
        .because("whoever can mint tokens can be any caller: the signing key lives with ./eventca-token, not in a service")
        .check(MAIN);
  }

  /** crl-codec lives under io.eventca.crl but is a library: it signs through the ContentSigner it is handed. */
  @Test
  void theCrlCodecIsHandedASignerAndNeverSeesAKey() {
    noClasses().that().resideInAPackage("io.eventca.crl.codec..")
        .should().dependOnClassesThat().haveFullyQualifiedName("java.security.PrivateKey")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.KeyPair")
        .orShould().dependOnClassesThat().resideInAnyPackage("io.eventca.custody..", "io.eventca.crl", "io.eventca.crl.state..",
            "io.eventca.crl.sign..", "io.eventca.crl.ocsp..", "io.eventca.crl.publish..", "io.eventca.crl.http..")
        .because("the encoder is shared with the benchmarks and must stay a pure function of entries and a signer")
        .check(MAIN);
  }

  @Test
  void theEventContractDependsOnNoService() {
    noClasses().that().resideInAPackage("io.eventca.events..")
        .should().dependOnClassesThat().resideInAnyPackage("io.eventca.ca..", "io.eventca.issuer..", "io.eventca.crl..",
            "io.eventca.custody..", "io.eventca.service..")
        .check(MAIN);
  }

  @Test
  void theArchitectureRulesSeeEveryService() {
    // Guards against the rules passing vacuously because a module's classes were not imported.
    for (String pkg : new String[] {"io.eventca.ca", "io.eventca.issuer", "io.eventca.crl", "io.eventca.custody", "io.eventca.keys",
        "io.eventca.crl.codec", "io.eventca.tokens"}) {
      org.assertj.core.api.Assertions.assertThat(MAIN.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
          .as("classes of " + pkg + " imported").isTrue();
    }
  }
}
