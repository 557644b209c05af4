package io.eventca.issuer.ca;

import io.eventca.checks.subject.DecodedSubject;
import io.eventca.checks.subject.SubjectFields;
import io.eventca.checks.subject.SubjectProblem;
import io.eventca.checks.subject.Subjects;
import io.eventca.events.SubjectName;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Subjects as the issuer decides them, read by the one decoder of request-checks ({@link Subjects}, {@link SubjectFields}):
 * a subject that breaks its rules is a policy violation whose detail names the attribute. CA subjects and requested
 * end-entity subjects are built here alike.
 */
public final class SubjectNames {
  private SubjectNames() {}

  /** The create_ca.sh / create_cert.sh subject fields (-CN -E -OU -O -L -S -C) as an X.500 name. */
  public static X500Name toX500Name(SubjectName subject) {
    try {
      return SubjectFields.toX500Name(subject);
    } catch (SubjectProblem e) {
      throw CaParameters.policy(e.getMessage());
    }
  }

  /** A subject read from a CSR, held to the same rules. */
  public static DecodedSubject decode(X500Name subject) {
    try {
      return Subjects.decode(subject);
    } catch (SubjectProblem e) {
      throw CaParameters.policy("the subject cannot be issued: " + e.getMessage());
    }
  }
}
