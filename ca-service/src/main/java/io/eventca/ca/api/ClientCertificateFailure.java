package io.eventca.ca.api;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpServerRequest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** The 401 text for a client certificate that passed the TLS handshake but that ClientCertificates refused. */
final class ClientCertificateFailure {
  private static final String RULE = "a client certificate logs in only if eventca's client CA (eventca.api.client-ca-id) issued it"
      + " itself, eventca's history holds it, and it is neither revoked nor expired";

  private ClientCertificateFailure() {}

  static boolean presented(HttpServerRequest request) {
    return chain(request).length > 0;
  }

  /**
   * ClientCertificates' own messages say what is wrong with the certificate and nothing else; others are not shown.
   * TLS accepts a certificate from a CA below the client CA, so that case, which its holder cannot tell from a
   * successful handshake, is named.
   */
  static String detail(AuthenticationFailedException e, HttpServerRequest request) {
    String reason = e.getMessage();
    if (reason == null || !(reason.startsWith("the client certificate") || reason.startsWith("no client CA"))) {
      return "the client certificate was not accepted: " + RULE;
    }
    Certificate[] chain = chain(request);
    if (reason.contains("not issued by") && chain.length > 1 && chain[0] instanceof X509Certificate leaf
        && chain[1] instanceof X509Certificate issuer && issuer.getBasicConstraints() >= 0
        && leaf.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return "the client certificate was issued by " + printable(issuer.getSubjectX500Principal().getName())
          + ", a CA below the client CA, not by the client CA itself: " + RULE;
    }
    return reason + ": " + RULE;
  }

  private static Certificate[] chain(HttpServerRequest request) {
    if (request == null || !request.isSSL()) {
      return new Certificate[0];
    }
    SSLSession session = request.sslSession();
    try {
      return session == null ? new Certificate[0] : session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return new Certificate[0];
    }
  }

  private static String printable(String text) {
    return text.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
