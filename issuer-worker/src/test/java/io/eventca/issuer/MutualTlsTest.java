package io.eventca.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.SubjectName;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.ids.CaId;
import io.eventca.testkit.Csrs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What was issued works where it is used: a JSSE server and client authenticate each other with a server and a
 * client certificate of this issuer, with host name verification, and refuse a client of another CA.
 */
class MutualTlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final int TIMEOUT_MILLIS = 10_000;
  private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

  private final TestIssuer issuer = new TestIssuer();
  private final ExecutorService serverThread = Executors.newSingleThreadExecutor();

  /** A key made by its holder, and the chain the issuer gave it (leaf first, root left out). */
  private record Identity(PrivateKey key, List<X509Certificate> chain) {
    X500Principal subject() {
      return chain.get(0).getSubjectX500Principal();
    }
  }

  @AfterEach
  void stopServer() {
    serverThread.shutdownNow();
  }

  @Test
  void givenServerAndClientCertificatesOfOneRoot_whenTheyHandshakeWithClientAuth_thenEachSeesTheOtherIssuedSubject() throws Exception {
    CaCreated root = issuer.root("TLS Root");
    Identity server = server(root.caId());
    Identity client = client(root.caId());

    Principal[] peers = exchange(server, trusting(root), client, trusting(root), "localhost", false);

    assertThat(peers[0]).as("the client the server saw").isEqualTo(client.subject());
    assertThat(peers[1]).as("the server the client saw").isEqualTo(server.subject());
    assertThat(server.subject().getName()).isEqualTo("CN=localhost,O=Example,C=US");
  }

  @Test
  void givenTheServerIsReachedByItsIpAddress_whenVerified_thenTheIpSubjectAltNameMatches() throws Exception {
    CaCreated root = issuer.root("TLS Root");
    Identity server = server(root.caId());
    Identity client = client(root.caId());

    Principal[] peers = exchange(server, trusting(root), client, trusting(root), "127.0.0.1", false);

    assertThat(peers[1]).isEqualTo(server.subject());
  }

  @Test
  void givenCertificatesOfAnIntermediate_whenTheyHandshake_thenTheChainLeadsToTheTrustedRoot() throws Exception {
    CaCreated root = issuer.root("TLS Root");
    CaCreated intermediate = issuer.intermediate(root.caId(), "TLS Issuing CA", 0);
    Identity server = withParent(server(intermediate.caId()), intermediate);
    Identity client = withParent(client(intermediate.caId()), intermediate);

    Principal[] peers = exchange(server, trusting(root), client, trusting(root), "localhost", false);

    assertThat(peers[0]).isEqualTo(client.subject());
    assertThat(peers[1]).isEqualTo(server.subject());
  }

  @Test
  void givenAClientCertificateOfAnotherCa_whenItHandshakes_thenTheServerRefusesIt() throws Exception {
    CaCreated root = issuer.root("TLS Root");
    CaCreated other = issuer.root("Some Other Root");
    Identity server = server(root.caId());
    Identity stranger = client(other.caId());

    assertThatThrownBy(() -> exchange(server, trusting(root), stranger, trusting(root), "localhost", true))
        .isInstanceOf(ServerRefused.class)
        .hasCauseInstanceOf(SSLHandshakeException.class)
        .satisfies(e -> assertThat(e.getCause()).hasMessageContaining("PKIX path"));
  }

  private Identity server(CaId caId) {
    KeyPair keys = Csrs.ecP256();
    CertificateIssued issued = issuer.issue(TestIssuer.certificateRequest(caId, Csrs.csrPem(keys, "CN=from the csr"), "server",
        "localhost", new SubjectName("localhost", null, null, "Example", null, null, "US"), List.of("127.0.0.1")));
    return new Identity(keys.getPrivate(), List.of(x509(issued.certificatePem())));
  }

  private Identity client(CaId caId) {
    KeyPair keys = Csrs.rsa(2048);
    CertificateIssued issued = issuer.issue(TestIssuer.certificateRequest(caId, Csrs.csrPem(keys, "CN=from the csr"), "client",
        null, new SubjectName("Alice Smith", "alice@example.com", null, "Example", null, null, "US"), List.of("alice-laptop.example")));
    return new Identity(keys.getPrivate(), List.of(x509(issued.certificatePem())));
  }

  private static Identity withParent(Identity leaf, CaCreated parent) {
    List<X509Certificate> chain = new ArrayList<>(leaf.chain());
    chain.add(x509(parent.certificatePem()));
    return new Identity(leaf.key(), chain);
  }

  /**
   * One connection: the client writes HELLO, the server echoes it. Host name verification is on ("HTTPS").
   *
   * @param presentAnyway make the client present its certificate even when the server asks for other issuers
   * @return the client principal the server saw, and the server principal the client saw
   */
  private Principal[] exchange(Identity server, KeyStore serverTrust, Identity client, KeyStore clientTrust, String host,
      boolean presentAnyway) throws Exception {
    SSLContext serverContext = context(keyManagers(server, false), serverTrust);
    SSLContext clientContext = context(keyManagers(client, presentAnyway), clientTrust);
    try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      listener.setNeedClientAuth(true);
      listener.setSoTimeout(TIMEOUT_MILLIS);
      Future<Principal> served = serverThread.submit(() -> {
        try (SSLSocket socket = (SSLSocket) listener.accept()) {
          socket.setSoTimeout(TIMEOUT_MILLIS);
          socket.startHandshake();
          byte[] received = socket.getInputStream().readNBytes(HELLO.length);
          socket.getOutputStream().write(received);
          socket.getOutputStream().flush();
          return socket.getSession().getPeerPrincipal();
        }
      });
      Principal serverSeen;
      IOException clientFailure = null;
      try {
        serverSeen = connect(clientContext, host, listener.getLocalPort());
      } catch (IOException e) {
        serverSeen = null;
        clientFailure = e;
      }
      Principal clientSeen;
      try {
        clientSeen = served.get(2L * TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw new ServerRefused(e.getCause());
      }
      if (clientFailure != null) {
        throw clientFailure;
      }
      return new Principal[] {clientSeen, serverSeen};
    }
  }

  private static Principal connect(SSLContext context, String host, int port) throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), TIMEOUT_MILLIS);
    plain.setSoTimeout(TIMEOUT_MILLIS);
    // Layered, so that "localhost" is verified against the certificate whatever the resolver makes of it.
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true)) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      socket.getOutputStream().write(HELLO);
      socket.getOutputStream().flush();
      assertThat(socket.getInputStream().readNBytes(HELLO.length)).isEqualTo(HELLO);
      return socket.getSession().getPeerPrincipal();
    }
  }

  private static SSLContext context(KeyManager[] keyManagers, KeyStore trust) throws Exception {
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
    trustManagers.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers, trustManagers.getTrustManagers(), null);
    return context;
  }

  private static KeyManager[] keyManagers(Identity identity, boolean presentAnyway) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("me", identity.key(), PASSWORD, identity.chain().toArray(X509Certificate[]::new));
    // PKIX: the key manager also checks that the certificate's key usages fit the side it is used on.
    KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
    factory.init(store, PASSWORD);
    X509ExtendedKeyManager manager = (X509ExtendedKeyManager) factory.getKeyManagers()[0];
    return new KeyManager[] {presentAnyway ? new AlwaysPresent(manager) : manager};
  }

  private static KeyStore trusting(CaCreated root) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("root", x509(root.certificatePem()));
    return store;
  }

  private static X509Certificate x509(String pem) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server side of the handshake failed. */
  private static final class ServerRefused extends Exception {
    ServerRefused(Throwable cause) {
      super(cause);
    }
  }

  /** Offers the client certificate whichever issuers the server names, so the server's trust decision is what is tested. */
  private static final class AlwaysPresent extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager delegate;

    AlwaysPresent(X509ExtendedKeyManager delegate) {
      this.delegate = delegate;
    }

    private String alias() {
      return delegate.getClientAliases("RSA", null)[0];
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
      return alias();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return delegate.getClientAliases(keyType, null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return delegate.getPrivateKey(alias);
    }
  }
}
