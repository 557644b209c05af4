package io.eventca.ca;

import static io.eventca.ca.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventca.events.Topic;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case in bad-input/cases.json gets a 4xx application/problem+json naming the broken field, and
 * nothing is written to the event log.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BadInputTest {

  static Stream<Arguments> cases() throws Exception {
    try (InputStream in = BadInputTest.class.getResourceAsStream("/bad-input/cases.json")) {
      JsonNode all = new ObjectMapper().readTree(in);
      List<Arguments> cases = new ArrayList<>();
      all.forEach(c -> cases.add(Arguments.of(c.get("name").asText(), c)));
      return cases.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusedWithAProblemAndNothingRecorded(String name, JsonNode c) {
    try (EventProbe probe = new EventProbe(KafkaBroker.bootstrapServers())) {
      Map<TopicPartition, Long> before = probe.endOffsets(Topic.REQUESTS);

      RequestSpecification request = asAdmin().urlEncodingEnabled(false).contentType(ContentType.JSON);
      if (c.hasNonNull("raw")) {
        request = request.body(c.get("raw").asText());
      } else if (c.hasNonNull("body")) {
        request = request.body(c.get("body").toString());
      }
      Response response = request.post(c.get("path").asText());

      response.then().statusCode(c.get("status").asInt()).contentType("application/problem+json")
          .body("status", equalTo(c.get("status").asInt()));
      if (c.hasNonNull("field")) {
        response.then().body("field", equalTo(c.get("field").asText()));
      }
      assertThat(probe.endOffsets(Topic.REQUESTS)).as("nothing recorded").isEqualTo(before);
    }
  }
}
