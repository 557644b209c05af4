package io.eventca.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The distinguished-name fields of create_ca.sh / create_cert.sh: -CN -E -OU -O -L -S -C. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubjectName(
    String commonName,
    String email,
    String organizationalUnit,
    String organization,
    String locality,
    String state,
    String country) {

  public static SubjectName ofCommonName(String commonName) {
    return new SubjectName(commonName, null, null, null, null, null, null);
  }
}
