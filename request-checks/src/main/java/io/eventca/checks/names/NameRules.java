package io.eventca.checks.names;

import io.eventca.events.profile.CertificateProfile;

/**
 * What a certificate profile says about names, and all {@link SubjectAltNames} needs of it: the REST door knows
 * profiles as {@link CertificateProfile}, the issuer-worker as its own signing profile; both give these three.
 *
 * @param name the profile's name, said in refusals
 * @param requiresHost whether a request must name a DNS host
 * @param commonNameInSubjectAltName whether the subject's common name must also be a subjectAltName
 */
public record NameRules(String name, boolean requiresHost, boolean commonNameInSubjectAltName) {
  public static NameRules of(CertificateProfile profile) {
    return new NameRules(profile.name(), profile.requiresHost(), profile.commonNameInSubjectAltName());
  }
}
