package io.eventca.lint;

import io.eventca.lint.rules.AuthorityAndSubjectKeyIdPresent;
import io.eventca.lint.rules.CaCertificateIsCa;
import io.eventca.lint.rules.CrlDistributionPointPresent;
import io.eventca.lint.rules.EndEntityIsNotCa;
import io.eventca.lint.rules.ExtendedKeyUsageMatchesProfile;
import io.eventca.lint.rules.FreshestCrlPresent;
import io.eventca.lint.rules.KeyUsageMatchesProfile;
import io.eventca.lint.rules.EmailAddressOnlyWhereTheProfileAllows;
import io.eventca.lint.rules.NoEmptySubjectFields;
import io.eventca.lint.rules.SelfIssued;
import io.eventca.lint.rules.SubjectReadsBack;
import io.eventca.lint.rules.OcspAccessPresent;
import io.eventca.lint.rules.OcspNoCheckPresent;
import io.eventca.lint.rules.SanContainsCommonName;
import io.eventca.lint.rules.SerialPositiveAndLongEnough;
import io.eventca.lint.rules.SubjectAltNamePresent;
import io.eventca.lint.rules.ValidityWithinIssuer;
import java.util.List;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * Checks a to-be-signed certificate against every rule before anything is signed, as Boulder lints each
 * certificate before its CA key touches it. The first failing rule stops issuance.
 */
public final class Linter {
  private final List<LintRule> rules;

  /** The linter with every rule of this CA. */
  public Linter() {
    this(
        issuedByACa(
            new EmailAddressOnlyWhereTheProfileAllows(),
            new SubjectAltNamePresent(),
            new SanContainsCommonName(),
            new EndEntityIsNotCa(),
            new KeyUsageMatchesProfile(),
            new ExtendedKeyUsageMatchesProfile(),
            new AuthorityAndSubjectKeyIdPresent(),
            new CrlDistributionPointPresent(),
            new FreshestCrlPresent(),
            new OcspAccessPresent()));
  }

  /**
   * The linter for certificates of intermediate CAs, which a parent CA signs: the rules that hold for every
   * certificate, and {@link CaCertificateIsCa} instead of the end-entity and profile rules.
   */
  public static Linter forCaCertificates() {
    return new Linter(
        issuedByACa(
            new CaCertificateIsCa(),
            new AuthorityAndSubjectKeyIdPresent(),
            new CrlDistributionPointPresent(),
            new FreshestCrlPresent(),
            new OcspAccessPresent()));
  }

  /**
   * The linter for self-signed root certificates, which have no issuer to compare with and no CRL above them: the rules
   * that hold for every certificate, {@link CaCertificateIsCa}, and {@link SelfIssued}.
   */
  public static Linter forRootCertificates() {
    return new Linter(
        List.of(
            new SerialPositiveAndLongEnough(),
            new SelfIssued(),
            new NoEmptySubjectFields(),
            new SubjectReadsBack(),
            new CaCertificateIsCa()));
  }

  /**
   * The linter for the certificate a CA gives its delegated OCSP responder (crl-publisher), checked against
   * {@link LintProfile#OCSP_RESPONDER}: the rules that hold for every certificate, the end-entity rules, the profile's
   * usages, and {@link OcspNoCheckPresent}. It points at no CRL or OCSP service: nobody checks its revocation.
   */
  public static Linter forOcspResponders() {
    return new Linter(
        issuedByACa(
            new EndEntityIsNotCa(),
            new KeyUsageMatchesProfile(),
            new ExtendedKeyUsageMatchesProfile(),
            new AuthorityAndSubjectKeyIdPresent(),
            new OcspNoCheckPresent()));
  }

  /** The rules for every certificate a CA signs but its own root, then {@code more}. */
  private static List<LintRule> issuedByACa(LintRule... more) {
    List<LintRule> rules = new java.util.ArrayList<>(List.of(
        new SerialPositiveAndLongEnough(), new ValidityWithinIssuer(), new NoEmptySubjectFields(), new SubjectReadsBack()));
    rules.addAll(List.of(more));
    return rules;
  }

  /** Package-private: production code cannot lint with a weaker rule set. */
  Linter(List<LintRule> rules) {
    this.rules = List.copyOf(rules);
  }

  public List<String> ruleNames() {
    return rules.stream().map(LintRule::name).toList();
  }

  public LintedTbs lint(TBSCertificate tbs, LintContext context) {
    for (LintRule rule : rules) {
      String problem;
      try {
        problem = rule.check(tbs, context).orElse(null);
      } catch (RuntimeException e) {
        // A rule that cannot read the certificate has not passed it.
        problem = "could not be checked (" + e.getClass().getSimpleName() + ")";
      }
      if (problem != null) {
        throw new LintFailedException(rule.name(), problem);
      }
    }
    return new LintedTbs(tbs);
  }
}
