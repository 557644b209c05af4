package io.eventca.ca.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.eventca.ca.api.ApiError;
import io.eventca.ca.api.CreateCaBody;
import io.eventca.ca.api.RequestCertificateBody;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.InvalidIdException;
import io.eventca.events.ids.RequestId;
import java.io.IOException;
import java.util.List;

/**
 * The JSON bodies of {@code POST /api/v1/cas} and {@code POST /api/v1/cas/{caId}/certificates}, from bytes to the
 * event they would record. Unreadable JSON is Jackson's exception (ProblemMapping answers it with a 400); a readable
 * body must then be refused only with {@link ApiError} or {@link InvalidIdException}, or become an event whose
 * fields keep the documented limits.
 *
 * <p>Each input is read as both bodies: they share most field names (commonName, digest, validityDays, ...), so
 * one corpus serves both, and one fuzz test costs the build one JVM instead of two.
 */
class CommandBodiesFuzzTest {
  private static final CaId CA = new CaId("3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3c");
  private static final RequestId REQUEST = new RequestId("fuzz-request");
  private static final List<String> DIGESTS = List.of("sha1", "sha224", "sha256", "sha384", "sha512");

  // Quarkus's defaults that matter for binding: unknown properties ignored, java.time as ISO strings.
  private static final ObjectMapper JSON =
      JsonMapper.builder().addModule(new JavaTimeModule()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @FuzzTest(maxDuration = "10s")
  void commandBodies(byte[] json) {
    CreateCaBody createCa = read(json, CreateCaBody.class);
    if (createCa != null) {
      try {
        CaCreationRequested event = createCa.toEvent(CA, "fuzz");
        assertThat(event.subject().commonName()).isNotBlank().hasSizeLessThanOrEqualTo(64);
        assertThat(event.validityDays()).isBetween(1, 36500);
        assertThat(event.digest()).isIn(DIGESTS);
        if (event.digest().equals("sha1")) {
          assertThat(event.sha1OptIn()).isTrue();
        }
      } catch (ApiError e) {
        assertInvalidInput(e);
      } catch (InvalidIdException e) {
        // Acceptable by the contract, though CreateCaBody itself turns a bad parentCaId into an ApiError.
        assertThat(e.field()).isNotBlank();
      }
    }

    RequestCertificateBody request = read(json, RequestCertificateBody.class);
    if (request != null) {
      try {
        // Validated is package-private; its components are read reflectively (see PackagePrivate).
        Object validated = request.validate(CA, null, REQUEST, "fuzz");
        CertificateRequested event = (CertificateRequested) PackagePrivate.component(validated, "event");
        assertThat(event.caId()).isEqualTo(CA);
        assertThat(event.validityDays()).isPositive();
        assertThat(event.digest()).isIn(DIGESTS);
        // Exactly one key source: the caller's CSR or a key eventca generates under the caller's passphrase.
        assertThat(event.csrPem() == null).isNotEqualTo(PackagePrivate.component(validated, "serverKey") == null);
        if (event.subjectAltNames() != null) {
          assertThat(event.subjectAltNames()).hasSizeLessThanOrEqualTo(100).doesNotHaveDuplicates();
        }
      } catch (ApiError e) {
        assertInvalidInput(e);
      } catch (InvalidIdException e) {
        assertThat(e.field()).isNotBlank();
      }
    }
  }

  /** A refusal names the field it refuses, which is what the problem+json answer shows the caller. */
  private static void assertInvalidInput(ApiError e) {
    assertThat(e.kind()).isEqualTo(ApiError.Kind.INVALID_INPUT);
    assertThat(e.extensions().get("field")).isInstanceOf(String.class);
  }

  /**
   * Null when Jackson refuses the bytes: that is the body reader's answer, not the code under test. Besides
   * JsonProcessingException this includes CharConversionException, which Jackson throws for bytes it took for
   * UTF-32 and which is an IOException of another family.
   */
  private static <T> T read(byte[] json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (IOException e) {
      return null;
    }
  }
}
