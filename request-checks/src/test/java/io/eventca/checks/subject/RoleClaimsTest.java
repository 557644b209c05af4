package io.eventca.checks.subject;

import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoleClaimsTest {
  @Test
  void onlyExactRoleValuesAreGranted() {
    DecodedSubject subject = Subjects.decode(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.OU, "eventca-role:admin")
        .addRDN(BCStyle.OU, "eventca-role:Operator").addRDN(BCStyle.OU, "eventca-role:root").addRDN(BCStyle.OU, "eventca-role:requester")
        .addRDN(BCStyle.CN, "alice").build());
    assertThat(RoleClaims.granted(subject)).containsExactly("admin", "requester");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "eventca-role:admin", "EVENTCA-ROLE:ADMIN", "Eventca-Role:Operator", "eventca-role:", "eventca_role:admin",
      "eventca role admin", "ｅｖｅｎｔｃａ－ｒｏｌｅ：ａｄｍｉｎ", // fullwidth, folded by NFKC
      "\u0435v\u0435ntca-r\u043el\u0435:admin", // Cyrillic e and o
      "ev\u0435ntc\u0430-role:admin", // Cyrillic e and a
      "eventca-r\u03bfle:admin", // Greek omicron
      "eventca-ro\u04cfe:admin", // Cyrillic palochka for l
      "eventca\u200b-role:admin", "eventca\u00ad-role:admin", // invisible characters, dropped
      "e\u0301ventca-role:admin"}) // a combining mark
  void everyLookAlikeOfARoleClaimIsCaught(String ou) {
    assertThat(RoleClaims.resembles(ou)).as(ou).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Engineering", "eventca users", "events-role", "role:admin", "admin", "eventcar"})
  void ordinaryUnitsAreNot(String ou) {
    assertThat(RoleClaims.resembles(ou)).as(ou).isFalse();
  }
}
