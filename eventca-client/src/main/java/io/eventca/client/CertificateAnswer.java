package io.eventca.client;

import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.SerialNumber;
import java.time.Instant;
import java.util.Objects;

/**
 * The CA's answer to one {@link CertificateRequest}: either {@link Issued} (a certificate) or {@link Refused} (a
 * rejection code such as {@code weak-key}, see {@code io.eventca.events.errors.ErrorCode}). Exactly these two
 * kinds exist; test with {@link #isIssued()} and narrow with {@link #asIssued()} / {@link #asRefused()}.
 */
public abstract sealed class CertificateAnswer permits CertificateAnswer.Issued, CertificateAnswer.Refused {
  private final RequestId requestId;
  private final CaId caId;

  private CertificateAnswer(RequestId requestId, CaId caId) {
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.caId = caId;
  }

  public RequestId requestId() {
    return requestId;
  }

  /** The answering CA; {@code 00000000-0000-0000-0000-000000000000} when the request named no readable CA. */
  public CaId caId() {
    return caId;
  }

  public abstract boolean isIssued();

  public final boolean isRefused() {
    return !isIssued();
  }

  /** This answer as issued. @throws IllegalStateException naming the refusal when it was refused */
  public Issued asIssued() {
    if (this instanceof Issued issued) {
      return issued;
    }
    throw new IllegalStateException("request " + requestId + " was refused: " + this);
  }

  /** This answer as refused. @throws IllegalStateException when a certificate was issued */
  public Refused asRefused() {
    if (this instanceof Refused refused) {
      return refused;
    }
    throw new IllegalStateException("request " + requestId + " was issued: " + this);
  }

  public static Issued issued(RequestId requestId, CaId caId, SerialNumber serialNumber, String certificatePem,
      String chainPem, Instant notBefore, Instant notAfter, boolean repeated) {
    return new Issued(requestId, caId, serialNumber, certificatePem, chainPem, notBefore, notAfter, repeated);
  }

  public static Refused refused(RequestId requestId, CaId caId, String code, String detail) {
    return new Refused(requestId, caId, code, detail);
  }

  /** A certificate was issued (or, when {@link #repeated()}, the one issued for an earlier send of this request). */
  public static final class Issued extends CertificateAnswer {
    private final SerialNumber serialNumber;
    private final String certificatePem;
    private final String chainPem;
    private final Instant notBefore;
    private final Instant notAfter;
    private final boolean repeated;

    private Issued(RequestId requestId, CaId caId, SerialNumber serialNumber, String certificatePem, String chainPem,
        Instant notBefore, Instant notAfter, boolean repeated) {
      super(requestId, caId);
      this.serialNumber = serialNumber;
      this.certificatePem = certificatePem;
      this.chainPem = chainPem;
      this.notBefore = notBefore;
      this.notAfter = notAfter;
      this.repeated = repeated;
    }

    @Override
    public boolean isIssued() {
      return true;
    }

    public SerialNumber serialNumber() {
      return serialNumber;
    }

    /** The certificate, PEM. */
    public String certificatePem() {
      return certificatePem;
    }

    /** The issuing CA certificate followed by its issuers up to the root, concatenated PEM. */
    public String chainPem() {
      return chainPem;
    }

    public Instant notBefore() {
      return notBefore;
    }

    public Instant notAfter() {
      return notAfter;
    }

    /** True when this answers a re-send of a request that was already issued: the same certificate as before. */
    public boolean repeated() {
      return repeated;
    }

    @Override
    public String toString() {
      return "Issued[requestId=" + requestId() + ", caId=" + caId() + ", serial=" + serialNumber
          + ", notAfter=" + notAfter + (repeated ? ", repeated" : "") + "]";
    }
  }

  /** The request was refused; {@link #code()} is machine-readable, {@link #detail()} is for people. */
  public static final class Refused extends CertificateAnswer {
    private final String code;
    private final String detail;

    private Refused(RequestId requestId, CaId caId, String code, String detail) {
      super(requestId, caId);
      this.code = Objects.requireNonNull(code, "code");
      this.detail = detail;
    }

    @Override
    public boolean isIssued() {
      return false;
    }

    /** An ErrorCode code, e.g. {@code weak-key}, {@code unknown-ca}, {@code request-id-reused}. */
    public String code() {
      return code;
    }

    public String detail() {
      return detail;
    }

    @Override
    public String toString() {
      return "Refused[requestId=" + requestId() + ", caId=" + caId() + ", code=" + code + ", detail=" + detail + "]";
    }
  }
}
