package io.eventca.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
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
