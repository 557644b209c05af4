package io.eventca.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.lint.LintRule;
import io.eventca.lint.Linter;
import io.eventca.lint.TbsFixture;
import io.eventca.issuer.profile.Profiles;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.TBSCertificate;
import io.eventca.issuer.profile.Profile;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule passes the good fixture and fails a fixture broken in the one way it guards against. */
class LintRulesTest {

  static Stream<LintRule> allRules() {
    return Stream.of(
        new SerialPositiveAndLongEnough(), new ValidityWithinIssuer(), new NoEmptySubjectFields(), new SubjectAltNamePresent(),
        new SanContainsCommonName(), new EndEntityIsNotCa(), new KeyUsageMatchesProfile(), new ExtendedKeyUsageMatchesProfile(),
        new AuthorityAndSubjectKeyIdPresent(), new CrlDistributionPointPresent(), new FreshestCrlPresent(),
        new OcspAccessPresent(), new SubjectReadsBack(), new EmailAddressOnlyWhereTheProfileAllows());
  }

  @ParameterizedTest
  @MethodSource("allRules")
  void everyRulePassesTheGoodEcCertificate(LintRule rule) {
    TbsFixture good = TbsFixture.good();
    assertThat(rule.check(good.build(), good.context())).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("allRules")
  void everyRulePassesTheGoodRsaCertificate(LintRule rule) {
    TbsFixture good = TbsFixture.goodRsa();
    assertThat(rule.check(good.build(), good.context())).isEmpty();
  }

  private static Optional<String> check(LintRule rule, TbsFixture fixture) {
    TBSCertificate tbs = fixture.build();
    return rule.check(tbs, fixture.context());
  }

  @Nested
  class SerialPositiveAndLongEnoughRule {
    private final LintRule rule = new SerialPositiveAndLongEnough();

    @Test
    void rejectsAShortSerial() {
      assertThat(check(rule, TbsFixture.good().serial(BigInteger.valueOf(0xfffffffL)))).hasValueSatisfying(p -> assertThat(p).contains("at least 64"));
    }

    @Test
    void rejectsANegativeSerial() {
      assertThat(check(rule, TbsFixture.good().serial(BigInteger.ONE.shiftLeft(100).negate()))).hasValueSatisfying(p -> assertThat(p).contains("positive"));
    }

    @Test
    void rejectsASerialLongerThan20Octets() {
      assertThat(check(rule, TbsFixture.good().serial(BigInteger.ONE.shiftLeft(160)))).hasValueSatisfying(p -> assertThat(p).contains("20 octets"));
    }
  }

  @Nested
  class ValidityWithinIssuerRule {
    private final LintRule rule = new ValidityWithinIssuer();
    private final Instant caNotBefore = TbsFixture.CA.certificate.getNotBefore().toInstant();
    private final Instant caNotAfter = TbsFixture.CA.certificate.getNotAfter().toInstant();

    @Test
    void rejectsANotAfterBeyondTheCa() {
      assertThat(check(rule, TbsFixture.good().validity(caNotBefore, caNotAfter.plus(Duration.ofDays(1)))))
          .hasValueSatisfying(p -> assertThat(p).contains("after the CA's notAfter"));
    }

    @Test
    void rejectsANotBeforeBeforeTheCa() {
      assertThat(check(rule, TbsFixture.good().validity(caNotBefore.minusSeconds(60), caNotAfter)))
          .hasValueSatisfying(p -> assertThat(p).contains("before the CA's notBefore"));
    }

    @Test
    void rejectsAnInvertedValidity() {
      assertThat(check(rule, TbsFixture.good().validity(caNotAfter.minusSeconds(60), caNotBefore.plusSeconds(60))))
          .hasValueSatisfying(p -> assertThat(p).contains("is not before notAfter"));
    }
  }

  @Nested
  class NoEmptySubjectFieldsRule {
    private final LintRule rule = new NoEmptySubjectFields();

    @Test
    void rejectsABlankOrganization() {
      X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, " ").addRDN(BCStyle.CN, "host.example.internal").build();
      assertThat(check(rule, TbsFixture.good().subject(subject))).hasValueSatisfying(p -> assertThat(p).contains("O is empty"));
    }

    @Test
    void rejectsAnEmptySubject() {
      assertThat(check(rule, TbsFixture.good().subject(new X500Name(new RDN[0])))).hasValue("the subject is empty");
    }
  }

  @Nested
  class SubjectAltNamePresentRule {
    private final LintRule rule = new SubjectAltNamePresent();

    @Test
    void rejectsACertificateWithoutSan() {
      assertThat(check(rule, TbsFixture.good().without(Extension.subjectAlternativeName))).isPresent();
    }

    @Test
    void rejectsAnEmptySan() {
      assertThat(check(rule, TbsFixture.good().with(Extension.subjectAlternativeName, false, new DERSequence())))
          .hasValue("the subjectAltName extension is empty");
    }
  }

  @Nested
  class SanContainsCommonNameRule {
    private final LintRule rule = new SanContainsCommonName();

    @Test
    void rejectsACommonNameMissingFromTheSans() {
      TbsFixture fixture = TbsFixture.good().with(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, "other.example.internal")));
      assertThat(check(rule, fixture)).hasValueSatisfying(p -> assertThat(p).contains("'host.example.internal'"));
    }

    @Test
    void acceptsAClientCommonNameThatNamesNoHost() {
      TbsFixture client = TbsFixture.good().profile(Profiles.CLIENT).subject(new X500Name("O=Example,CN=Alice Smith"));
      assertThat(check(rule, client)).isEmpty();
      assertThat(check(rule, client.profile(Profiles.SERVER))).hasValueSatisfying(p -> assertThat(p).contains("'Alice Smith'"));
    }

    @Test
    void acceptsTheCommonNameInAnotherCaseAndAnIpCommonName() {
      TbsFixture upper = TbsFixture.good().subject(new X500Name("CN=HOST.Example.Internal"));
      assertThat(check(rule, upper)).isEmpty();
      TbsFixture ip = TbsFixture.good().subject(new X500Name("CN=10.0.0.1"))
          .with(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress, "10.0.0.1")));
      assertThat(check(rule, ip)).isEmpty();
    }
  }

  @Nested
  class CaCertificateIsCaRule {
    private final LintRule rule = new CaCertificateIsCa();

    @Test
    void passesTheGoodCaCertificate() {
      assertThat(check(rule, goodCa())).isEmpty();
      assertThat(check(rule, goodCa().with(Extension.basicConstraints, true, new BasicConstraints(0)))).isEmpty();
    }

    @Test
    void rejectsAnEndEntityCertificate() {
      assertThat(check(rule, TbsFixture.good())).hasValue("basicConstraints says cA=false on a CA certificate");
    }

    @Test
    void rejectsAMissingOrNonCriticalBasicConstraints() {
      assertThat(check(rule, goodCa().without(Extension.basicConstraints))).hasValueSatisfying(p -> assertThat(p).contains("critical basicConstraints"));
      assertThat(check(rule, goodCa().with(Extension.basicConstraints, false, new BasicConstraints(true))))
          .hasValueSatisfying(p -> assertThat(p).contains("critical basicConstraints"));
    }

    @Test
    void rejectsAKeyUsageWithoutCertificateOrCrlSigning() {
      assertThat(check(rule, goodCa().with(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign))))
          .hasValue("keyUsage of a CA certificate must allow keyCertSign and cRLSign");
      assertThat(check(rule, goodCa().with(Extension.keyUsage, false, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))))
          .hasValue("a CA certificate needs a critical keyUsage extension");
    }

    private static TbsFixture goodCa() {
      return TbsFixture.good()
          .with(Extension.basicConstraints, true, new BasicConstraints(true))
          .with(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
    }
  }

  @Nested
  class EndEntityIsNotCaRule {
    private final LintRule rule = new EndEntityIsNotCa();

    @Test
    void rejectsCaTrue() {
      assertThat(check(rule, TbsFixture.good().with(Extension.basicConstraints, true, new BasicConstraints(true))))
          .hasValueSatisfying(p -> assertThat(p).contains("cA=true"));
    }

    @Test
    void rejectsAMissingOrNonCriticalBasicConstraints() {
      assertThat(check(rule, TbsFixture.good().without(Extension.basicConstraints))).isPresent();
      assertThat(check(rule, TbsFixture.good().with(Extension.basicConstraints, false, new BasicConstraints(false))))
          .hasValue("basicConstraints must be critical");
    }

    @Test
    void rejectsCertificateSigningUsage() {
      assertThat(check(rule, TbsFixture.good().with(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign)))).isPresent();
    }
  }

  @Nested
  class KeyUsageMatchesProfileRule {
    private final LintRule rule = new KeyUsageMatchesProfile();

    @Test
    void rejectsKeyEnciphermentOnAnEcKey() {
      assertThat(check(rule, TbsFixture.good().with(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))))
          .hasValueSatisfying(p -> assertThat(p).contains("for EC keys"));
    }

    @Test
    void rejectsAnRsaKeyWithoutKeyEncipherment() {
      assertThat(check(rule, TbsFixture.goodRsa().with(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))))
          .hasValueSatisfying(p -> assertThat(p).contains("for RSA keys"));
    }

    @Test
    void rejectsANonCriticalKeyUsage() {
      assertThat(check(rule, TbsFixture.good().with(Extension.keyUsage, false, new KeyUsage(KeyUsage.digitalSignature))))
          .hasValue("keyUsage must be critical");
    }
  }

  @Nested
  class ExtendedKeyUsageMatchesProfileRule {
    private final LintRule rule = new ExtendedKeyUsageMatchesProfile();

    @Test
    void rejectsAServerCertificateWithoutServerAuth() {
      TbsFixture fixture = TbsFixture.good().with(Extension.extendedKeyUsage, false, Profiles.CLIENT.extendedKeyUsage());
      assertThat(check(rule, fixture)).hasValueSatisfying(p -> assertThat(p).contains("differs from profile server"));
    }

    @Test
    void rejectsServerAuthInAClientCertificate() {
      assertThat(check(rule, TbsFixture.good().profile(Profiles.CLIENT))).hasValueSatisfying(p -> assertThat(p).contains("profile client"));
    }

    @Test
    void rejectsAnyExtendedKeyUsage() {
      TbsFixture fixture = TbsFixture.good().with(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.anyExtendedKeyUsage}));
      assertThat(check(rule, fixture)).hasValue("extendedKeyUsage contains anyExtendedKeyUsage");
    }
  }

  @Nested
  class AuthorityAndSubjectKeyIdPresentRule {
    private final LintRule rule = new AuthorityAndSubjectKeyIdPresent();

    @Test
    void rejectsAMissingAuthorityKeyId() {
      assertThat(check(rule, TbsFixture.good().without(Extension.authorityKeyIdentifier))).isPresent();
    }

    @Test
    void rejectsAnAuthorityKeyIdOfAnotherCa() {
      byte[] other = TbsFixture.caKeyId().clone();
      other[0] ^= 0x01;
      assertThat(check(rule, TbsFixture.good().with(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(other))))
          .hasValueSatisfying(p -> assertThat(p).contains("does not match"));
    }

    @Test
    void rejectsAMissingSubjectKeyId() {
      assertThat(check(rule, TbsFixture.good().without(Extension.subjectKeyIdentifier)))
          .hasValue("subjectKeyIdentifier must be present and non-critical");
    }
  }

  @Nested
  class CrlDistributionPointPresentRule {
    private final LintRule rule = new CrlDistributionPointPresent();

    @Test
    void rejectsAMissingDistributionPoint() {
      assertThat(check(rule, TbsFixture.good().without(Extension.cRLDistributionPoints))).isPresent();
    }

    @Test
    void rejectsANonHttpDistributionPoint() {
      assertThat(check(rule, TbsFixture.good().with(Extension.cRLDistributionPoints, false,
          TbsFixture.crlDistributionPoint("ldap://directory.example/cn=crl")))).hasValue("cRLDistributionPoints names no http(s) URL");
    }
  }

  @Nested
  class FreshestCrlPresentRule {
    private final LintRule rule = new FreshestCrlPresent();

    @Test
    void rejectsAMissingFreshestCrl() {
      assertThat(check(rule, TbsFixture.good().without(Extension.freshestCRL))).hasValue("the certificate has no freshestCRL extension");
    }

    @Test
    void rejectsACriticalFreshestCrl() {
      assertThat(check(rule, TbsFixture.good().with(Extension.freshestCRL, true,
          TbsFixture.crlDistributionPoint("http://crl.example/crls/ca-delta.crl")))).hasValue("freshestCRL must be non-critical");
    }

    @Test
    void rejectsANonHttpFreshestCrl() {
      assertThat(check(rule, TbsFixture.good().with(Extension.freshestCRL, false,
          TbsFixture.crlDistributionPoint("ldap://directory.example/cn=delta")))).hasValue("freshestCRL names no http(s) URL");
    }
  }

  @Nested
  class OcspAccessPresentRule {
    private final LintRule rule = new OcspAccessPresent();

    @Test
    void rejectsAMissingAuthorityInfoAccess() {
      assertThat(check(rule, TbsFixture.good().without(Extension.authorityInfoAccess)))
          .hasValue("the certificate has no authorityInfoAccess extension");
    }

    @Test
    void rejectsACriticalAuthorityInfoAccess() {
      assertThat(check(rule, TbsFixture.good().with(Extension.authorityInfoAccess, true,
          TbsFixture.ocspAccess(AccessDescription.id_ad_ocsp, "http://crl.example/ocsp")))).hasValue("authorityInfoAccess must be non-critical");
    }

    @Test
    void rejectsAnAccessWithOnlyCaIssuersOrANonHttpResponder() {
      String problem = "authorityInfoAccess names no http(s) OCSP responder";
      assertThat(check(rule, TbsFixture.good().with(Extension.authorityInfoAccess, false,
          TbsFixture.ocspAccess(AccessDescription.id_ad_caIssuers, "http://crl.example/ca.cer")))).hasValue(problem);
      assertThat(check(rule, TbsFixture.good().with(Extension.authorityInfoAccess, false,
          TbsFixture.ocspAccess(AccessDescription.id_ad_ocsp, "ldap://directory.example/ocsp")))).hasValue(problem);
    }
  }

  @Test
  void theCaLinterRunsTheGeneralRulesAndCaCertificateIsCaButNoEndEntityOrProfileRule() {
    assertThat(Linter.forCaCertificates().ruleNames()).containsExactlyInAnyOrder(
        "SerialPositiveAndLongEnough", "ValidityWithinIssuer", "NoEmptySubjectFields", "SubjectReadsBack", "CaCertificateIsCa",
        "AuthorityAndSubjectKeyIdPresent", "CrlDistributionPointPresent", "FreshestCrlPresent", "OcspAccessPresent");
  }

  @Test
  void theRootLinterRunsTheRulesThatNeedNoIssuer() {
    assertThat(Linter.forRootCertificates().ruleNames()).containsExactlyInAnyOrder(
        "SerialPositiveAndLongEnough", "SelfIssued", "NoEmptySubjectFields", "SubjectReadsBack", "CaCertificateIsCa");
  }

  @Nested
  class SubjectReadsBackRule {
    private final LintRule rule = new SubjectReadsBack();

    @Test
    void rejectsASubjectTheDecoderRefuses() {
      X500Name bmpRole = new X500Name(new RDN[] {
          new RDN(new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String("mallory"))),
          new RDN(new AttributeTypeAndValue(BCStyle.OU, new DERBMPString("eventca-role:admin")))});
      assertThat(check(rule, TbsFixture.good().subject(bmpRole))).hasValueSatisfying(p -> assertThat(p).contains("BMPString"));
      assertThat(check(rule, TbsFixture.good().subject(new X500Name("CN=host.example.internal,O=" + "o".repeat(1100)))))
          .hasValueSatisfying(p -> assertThat(p).contains("at most 64"));
    }
  }

  @Nested
  class EmailAddressOnlyWhereTheProfileAllowsRule {
    private final LintRule rule = new EmailAddressOnlyWhereTheProfileAllows();

    @Test
    void rejectsAnEmailAddressUnderAProfileWithoutThem() {
      Profile noEmail = new Profile("tls-only", Profiles.SERVER.extendedKeyUsages(), Profiles.SERVER.keyUsageByKeyType(), false, true, 365);
      X500Name withEmail = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "host.example.internal")
          .addRDN(BCStyle.EmailAddress, "ceo@example.com").build();
      assertThat(check(rule, TbsFixture.good().profile(noEmail).subject(withEmail))).hasValue("profile tls-only certifies no e-mail address");
      assertThat(check(rule, TbsFixture.good().subject(withEmail))).isEmpty();
    }
  }

  @Nested
  class SelfIssuedRule {
    private final LintRule rule = new SelfIssued();

    @Test
    void rejectsARootWhoseIssuerIsAnother() {
      assertThat(check(rule, TbsFixture.good())).hasValue("a root certificate's issuer must be its subject");
    }
  }

  @Test
  void theRuleListHereCoversEveryRuleOfTheLinter() {
    List<String> here = allRules().map(LintRule::name).sorted().toList();
    assertThat(new Linter().ruleNames().stream().sorted().toList()).isEqualTo(here);
  }
}
