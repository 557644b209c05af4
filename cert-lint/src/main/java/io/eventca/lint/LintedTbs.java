package io.eventca.lint;

import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * A to-be-signed certificate that passed every lint rule. Only {@link Linter} can make one (the constructor
 * is package-private and nothing else in this package calls it), and the signer accepts nothing else: an
 * unlinted certificate cannot be signed by construction, not by convention.
 */
public final class LintedTbs {
  private final TBSCertificate tbs;

  LintedTbs(TBSCertificate tbs) {
    this.tbs = tbs;
  }

  public TBSCertificate tbs() {
    return tbs;
  }
}
