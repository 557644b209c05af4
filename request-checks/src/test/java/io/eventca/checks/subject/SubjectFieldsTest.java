package io.eventca.checks.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.SubjectName;
import org.junit.jupiter.api.Test;

/** Request fields are tidied as a person means them, then held to exactly the decoder's rules. */
class SubjectFieldsTest {
  @Test
  void fieldsAreStrippedPutInNfcAndTheCountryInCapitals_andTheNameReadsBackAlike() {
    SubjectName tidy = SubjectFields.normalize(new SubjectName("  host.example  ", null, null, "Socie\u0301te\u0301", null, null, "fr"));
    assertThat(tidy.commonName()).isEqualTo("host.example");
    assertThat(tidy.organization()).isEqualTo("Soci\u00e9t\u00e9");
    assertThat(tidy.country()).isEqualTo("FR");
    assertThat(Subjects.decode(SubjectFields.toX500Name(tidy)).toString()).isEqualTo("C=FR,O=Soci\u00e9t\u00e9,CN=host.example");
  }

  @Test
  void whatTheDecoderRefusesIsRefusedHereWithTheFieldNamed() {
    assertThatThrownBy(() -> SubjectFields.normalize(new SubjectName("x", null, null, "Exa\u202emple", null, null, null)))
        .isInstanceOfSatisfying(SubjectProblem.class, p -> assertThat(p.field()).isEqualTo("organization"));
    assertThatThrownBy(() -> SubjectFields.normalize(new SubjectName("x", null, null, null, null, null, "ZZ")))
        .isInstanceOfSatisfying(SubjectProblem.class, p -> assertThat(p.field()).isEqualTo("country"));
    assertThatThrownBy(() -> SubjectFields.normalize(new SubjectName("x", "ceo@localhost", null, null, null, null, null)))
        .isInstanceOfSatisfying(SubjectProblem.class, p -> assertThat(p.field()).isEqualTo("email"));
    assertThatThrownBy(() -> SubjectFields.normalize(new SubjectName("x", null, "  ", null, null, null, null)))
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> SubjectFields.normalize(new SubjectName(null, null, null, null, null, null, null)))
        .isInstanceOfSatisfying(SubjectProblem.class, p -> assertThat(p.field()).isEqualTo("commonName"));
  }

  @Test
  void theStringTypesAreTheOnesRfc5280AsksFor() throws Exception {
    var name = SubjectFields.toX500Name(new SubjectName("h.example", "a@b.example", null, "O", null, null, "US"));
    for (var rdn : name.getRDNs()) {
      int tag = rdn.getFirst().getValue().toASN1Primitive().getEncoded()[0];
      SubjectAttribute type = SubjectAttribute.byOid(rdn.getFirst().getType()).orElseThrow();
      assertThat(type.allows(tag)).as(type.label()).isTrue();
    }
  }

  /** BCStyle reads a string value starting with "#" as hex DER and drops a leading "\\": a field is certified as given. */
  @Test
  void aFieldIsCertifiedLiterallyNeverReadAsHexOrEscapes() {
    String hex = "#0c0b6578616d706c652e636f6d"; // the DER of UTF8String "example.com"
    org.bouncycastle.asn1.x500.X500Name name =
        SubjectFields.toX500Name(new SubjectName(hex, null, null, "\\Acme", null, null, null));
    DecodedSubject decoded = Subjects.decode(name);
    org.assertj.core.api.Assertions.assertThat(decoded.values(SubjectAttribute.COMMON_NAME)).containsExactly(hex);
    org.assertj.core.api.Assertions.assertThat(decoded.values(SubjectAttribute.ORGANIZATION)).containsExactly("\\Acme");
    org.assertj.core.api.Assertions.assertThat(Subjects.decode(SubjectFields.toX500Name(
        new SubjectName("#", null, null, null, null, null, null))).values(SubjectAttribute.COMMON_NAME)).containsExactly("#");
  }
}
