package io.eventca.lint;

import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What a rule may compare the certificate with: the issuing CA's certificate and the profile it is issued
 * under (null for a CA certificate, whose rules use no profile).
 */
public record LintContext(X509CertificateHolder issuer, LintProfile profile) {}
