package io.eventca.ca.api;

import io.eventca.ca.model.CertificateRecord;
import io.eventca.ca.model.Db;
import io.eventca.ca.model.RequesterKeyRecord;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import io.eventca.events.registry.KeyDownloadUnlocked;
import io.eventca.keys.KeyFormat;
import io.eventca.keys.KeyFormatException;
import io.eventca.keys.KeyMaterial;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Downloads of a key eventca generated for its requester (convert_priv_key.sh, exposed where it is safe): the
 * private key as PKCS#8 (the default, what Java clients need), traditional "rsa" PEM, or a .pfx with the
 * certificate and its chain. A POST, so the passphrase travels in the body and never in a URL or access log.
 */
@Path("/api/v1/cas/{caId}/certificates/{serial}/private-key")
@Blocking
public class KeyDownloadResource {
  /** As when the key was generated (RequestCertificateBody): anything else cannot be it, so it is no guess to count. */
  private static final int MIN_PASSPHRASE = 8;
  private static final int MAX_PASSPHRASE = 1024;

  private final Callers callers;
  private final PassphraseGuard guard;
  private final Lockouts lockouts;

  public KeyDownloadResource(Callers callers, PassphraseGuard guard, Lockouts lockouts) {
    this.callers = callers;
    this.guard = guard;
    this.lockouts = lockouts;
  }

  /**
   * @param passphrase the passphrase given when the key was generated
   * @param format pkcs8 (default), rsa, pfx (or pkcs12)
   * @param encrypt false only to get the key unencrypted, on purpose (not possible for pfx)
   */
  public record KeyDownloadBody(String passphrase, String format, Boolean encrypt) {}

  /**
   * Only to the principal that asked for the key, whatever its role: the passphrase is the requester's secret, and
   * an admin token plus a guessed passphrase must not open another service's key. Guesses are throttled and end in
   * a lock-out (PassphraseGuard); a malformed body is refused before anything is counted.
   */
  @POST
  @RolesAllowed({Callers.ADMIN, Callers.REQUESTER})
  @Consumes(MediaType.APPLICATION_JSON)
  public Response download(@PathParam("caId") String caIdText, @PathParam("serial") String serial, KeyDownloadBody body) {
    CaId caId = new CaId(caIdText);
    SerialNumber serialNumber = SerialNumber.parse(serial);
    if (body == null || body.passphrase() == null || body.passphrase().isEmpty()) {
      throw ApiError.invalidField("passphrase", "is required: the one given when eventca generated the key");
    }
    if (body.passphrase().length() < MIN_PASSPHRASE || body.passphrase().length() > MAX_PASSPHRASE) {
      throw ApiError.invalidField("passphrase", "must be " + MIN_PASSPHRASE + " to " + MAX_PASSPHRASE
          + " characters, as when eventca generated the key");
    }
    KeyFormat format = format(body.format());
    boolean encrypt = !Boolean.FALSE.equals(body.encrypt());
    if (!encrypt && format == KeyFormat.PFX) {
      throw ApiError.invalidField("encrypt", "cannot be false for pfx: a PKCS#12 file is always protected by the passphrase");
    }
    CertificateRecord certificate = CertificateResource.find(caId, serialNumber);
    if (!callers.owns(CertificateResource.requestOf(certificate))) {
      throw CertificateResource.notFound(caId, serialNumber);
    }
    RequesterKeyRecord stored = storedKey(certificate.requestId);
    char[] passphrase = body.passphrase().toCharArray();
    try {
      PassphraseGuard.Attempt attempt = guard.reserve(caId, serialNumber, callers.current());
      KeyMaterial key;
      try {
        key = KeyMaterial.read(stored.encryptedPkcs8.getBytes(StandardCharsets.US_ASCII), KeyFormat.PKCS8, passphrase);
      } catch (KeyFormatException e) {
        throw guard.failed(attempt);
      }
      guard.succeeded(attempt);
      List<String> chain = new ArrayList<>();
      chain.add(certificate.certificatePem);
      chain.addAll(Pem.split(CaResource.chainPem(CaResource.find(caId))));
      byte[] out = key.write(format, encrypt ? passphrase : null, chain, Downloads.fileName(certificate, "cert"));
      String name = Downloads.fileName(certificate, format == KeyFormat.PFX ? "cert.pfx" : "priv_key.pem");
      return Response.ok(out, format.mediaType())
          .header("Content-Disposition", Downloads.attachment(name))
          .header("Cache-Control", "no-store")
          .build();
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }

  /** Body of an unlock: why, in the admin's words (optional). */
  public record UnlockBody(String reason) {}

  /**
   * Lifts a lock-out (EJBCA's reset of an end entity's failed login attempts): recorded as KeyDownloadUnlocked, after
   * which the passphrase may be tried again from a fresh count. Admins only; the caller who was locked out cannot.
   */
  @POST
  @Path("/unlock")
  @RolesAllowed(Callers.ADMIN)
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response unlock(@PathParam("caId") String caIdText, @PathParam("serial") String serial, UnlockBody body) {
    CaId caId = new CaId(caIdText);
    SerialNumber serialNumber = SerialNumber.parse(serial);
    String reason = body == null ? null : Fields.optional("reason", body.reason(), 256);
    CertificateResource.find(caId, serialNumber);
    KeyDownloadUnlocked event = lockouts.unlock(caId, serialNumber, reason, callers.current(), guard.schedule());
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("caId", caId.value());
    view.put("serialNumber", serialNumber.hex());
    view.put("status", "UNLOCKED");
    view.put("lockedAt", event.lockedAt());
    view.put("unlockedBy", event.unlockedBy());
    view.put("unlockedAt", event.unlockedAt());
    return Response.accepted(view).location(URI.create("/api/v1/key-download-lockouts?caId=" + caId)).build();
  }

  private static RequesterKeyRecord storedKey(String requestId) {
    RequesterKeyRecord row = Db.read(() -> RequesterKeyRecord.<RequesterKeyRecord>findById(requestId));
    if (row == null) {
      throw new ApiError(ApiError.Kind.NOT_FOUND,
          "this certificate was issued for a key its requester generated; eventca never had the private key");
    }
    return row;
  }

  private static KeyFormat format(String name) {
    if (name == null) {
      return KeyFormat.PKCS8;
    }
    try {
      return KeyFormat.of(name);
    } catch (KeyFormatException e) {
      throw ApiError.invalidField("format", "must be one of pkcs8, rsa, pfx");
    }
  }
}
