package io.eventca.ca.api;

/**
 * A signed, unexpired token whose claim {@code claim} breaks a rule of TokenClaims. Travels as the cause of an
 * AuthenticationFailedException (which Quarkus keeps final), so ProblemMapping can answer a 401 that names the claim.
 */
public class TokenClaimRefused extends RuntimeException {
  private final String claim;

  public TokenClaimRefused(String claim, String rule) {
    super(claim + " " + rule, null, false, false);
    this.claim = claim;
  }

  public String claim() {
    return claim;
  }
}
