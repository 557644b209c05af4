package io.eventca.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.junit.jupiter.api.Test;

class LinterTest {
  private final Linter linter = new Linter();

  @Test
  void givenAGoodCertificate_whenLinted_thenItIsLintedUnchanged() {
    TbsFixture good = TbsFixture.good();
    TBSCertificate tbs = good.build();

    LintedTbs linted = linter.lint(tbs, good.context());

    assertThat(linted.tbs()).isSameAs(tbs);
  }

  @Test
  void givenAShortSerial_whenLinted_thenTheFailureNamesTheRule() {
    TbsFixture bad = TbsFixture.good().serial(BigInteger.valueOf(42));

    assertThatThrownBy(() -> linter.lint(bad.build(), bad.context()))
        .isInstanceOfSatisfying(LintFailedException.class, e -> assertThat(e.rule()).isEqualTo("SerialPositiveAndLongEnough"))
        .hasMessageContaining("at least 64");
  }

  @Test
  void givenNoSan_whenLinted_thenSubjectAltNamePresentFails() {
    TbsFixture bad = TbsFixture.good().without(Extension.subjectAlternativeName);

    assertThatThrownBy(() -> linter.lint(bad.build(), bad.context()))
        .isInstanceOfSatisfying(LintFailedException.class, e -> assertThat(e.rule()).isEqualTo("SubjectAltNamePresent"));
  }

  @Test
  void aRuleThatCannotReadTheCertificateFailsIt() {
    LintRule broken = new LintRule() {
      @Override
      public String name() {
        return "Broken";
      }

      @Override
      public Optional<String> check(TBSCertificate tbs, LintContext context) {
        throw new IllegalArgumentException("unreadable");
      }
    };
    TbsFixture good = TbsFixture.good();

    assertThatThrownBy(() -> new Linter(List.of(broken)).lint(good.build(), good.context()))
        .isInstanceOfSatisfying(LintFailedException.class, e -> assertThat(e.rule()).isEqualTo("Broken"));
  }

  @Test
  void theProductionLinterRunsEveryRule() {
    assertThat(linter.ruleNames()).hasSize(14).doesNotHaveDuplicates()
        .contains("SerialPositiveAndLongEnough", "ValidityWithinIssuer", "SubjectAltNamePresent", "SanContainsCommonName",
            "SubjectReadsBack", "EmailAddressOnlyWhereTheProfileAllows",
            "KeyUsageMatchesProfile", "AuthorityAndSubjectKeyIdPresent", "NoEmptySubjectFields", "FreshestCrlPresent",
            "OcspAccessPresent");
  }

  @Test
  void onlyTheLinterCanMakeALintedCertificate() {
    // No public constructor and a final class: outside this package, the signer's input can only come from lint().
    assertThat(LintedTbs.class.getConstructors()).isEmpty();
    assertThat(java.lang.reflect.Modifier.isFinal(LintedTbs.class.getModifiers())).isTrue();
    assertThat(Linter.class.getConstructors()).singleElement().satisfies(c -> assertThat(c.getParameterCount()).isZero());
  }
}
