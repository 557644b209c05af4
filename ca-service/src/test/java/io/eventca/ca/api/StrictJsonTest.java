package io.eventca.ca.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The body mapper as StrictJson sets it up, and what a refused body is told (JsonProblems): JSON words, no Java. */
class StrictJsonTest {
  private final ObjectMapper mapper = strict();

  private static ObjectMapper strict() {
    ObjectMapper mapper = new ObjectMapper();
    new StrictJson().customize(mapper);
    return mapper;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      validity as a string     | validityDays       | {"profile":"server","validityDays":"30"}
      validity with a fraction | validityDays       | {"profile":"server","validityDays":30.5}
      validity written 30.0    | validityDays       | {"profile":"server","validityDays":30.0}
      validity as an exponent  | validityDays       | {"profile":"server","validityDays":3e1}
      empty string validity    | validityDays       | {"profile":"server","validityDays":""}
      key size as a string     | keySize            | {"profile":"server","keySize":"256"}
      opt-in as a string       | sha1OptIn          | {"profile":"server","sha1OptIn":"true"}
      opt-in as a number       | sha1OptIn          | {"profile":"server","sha1OptIn":1}
      profile as a number      | profile            | {"profile":7}
      a SAN as a number        | subjectAltNames[0] | {"profile":"server","subjectAltNames":[7]}
      """)
  void aCertificateRequestWithAValueOfTheWrongJsonTypeIsRefused_namingTheField(String name, String field, String body) {
    assertThatThrownBy(() -> mapper.readValue(body, RequestCertificateBody.class))
        .isInstanceOf(JsonProcessingException.class)
        .satisfies(e -> {
          assertThat(JsonProblems.field((JsonProcessingException) e)).isEqualTo(field);
          assertThat(JsonProblems.detail((JsonProcessingException) e)).startsWith(field + " must be")
              .doesNotContain("java", "io.eventca", "`");
        });
  }

  @Test
  void everyIntegerFieldOfEveryBodyIsHeldToIt() {
    assertThatThrownBy(() -> mapper.readValue("{\"commonName\":\"CA\",\"pathLength\":\"1\"}", CreateCaBody.class))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> mapper.readValue("{\"commonName\":\"CA\",\"keySize\":2048.0}", CreateCaBody.class))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> mapper.readValue("{\"name\":\"r\",\"maxValidityDays\":\"30\"}", RegisterRequesterBody.class))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> mapper.readValue("{\"passphrase\":\"p\",\"encrypt\":\"false\"}", KeyDownloadResource.KeyDownloadBody.class))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void wellTypedValuesStillRead() throws Exception {
    RequestCertificateBody body = mapper.readValue("{\"profile\":\"server\",\"validityDays\":30,\"sha1OptIn\":false}", RequestCertificateBody.class);
    assertThat(body.validityDays()).isEqualTo(30);
    assertThat(body.sha1OptIn()).isFalse();
  }

  @Test
  void aBodyOfTheWrongShapeIsToldSoWithoutTheRecordsClassName() {
    assertThatThrownBy(() -> mapper.readValue("[1]", RequestCertificateBody.class))
        .satisfies(e -> assertThat(JsonProblems.detail((JsonProcessingException) e))
            .isEqualTo("the body must be a JSON object"));
    assertThat(JsonProblems.withoutJavaNames("Cannot construct instance of `io.eventca.ca.api.RequestCertificateBody` (x)"))
        .doesNotContain("io.eventca", "RequestCertificateBody", "`");
  }
}
