package io.eventca.ca.api;

import io.eventca.ca.model.CertificateRecord;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import io.eventca.keys.KeyFormat;
import io.eventca.keys.KeyFormatException;
import io.eventca.keys.KeyMaterial;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Downloads of a key eventca generated for its requester (convert_priv_key.sh, exposed where it is safe): the
 * private key as PKCS#8 (the default, what Java clients need), traditional "rsa" PEM, or a .pfx with the
 * certificate and its chain. A POST, so the passphrase travels in the body and never in a URL or access log.
 */
@Path("/api/v1/cas/{caId}/certificates/{serial}/private-key")
@Blocking
public class KeyDownloadResource {
  private final Callers callers;

  public KeyDownloadResource(Callers callers) {
    this.callers = callers;
  }

  /**
   * @param passphrase the passphrase given when the key was generated
   * @param format pkcs8 (default), rsa, pfx (or pkcs12)
   * @param encrypt false only to get the key unencrypted, on purpose (not possible for pfx)
   */
  public record KeyDownloadBody(String passphrase, String format, Boolean encrypt) {}

  /**
   * Only to the principal that asked for the key, whatever its role: the passphrase is the requester's secret, and
   * an admin token plus a guessed passphrase must not open another service's key.
   */
  @POST
  @RolesAllowed({Callers.ADMIN, Callers.REQUESTER})
  @Consumes(MediaType.APPLICATION_JSON)
  public Response download(@PathParam("caId") String caIdText, @PathParam("serial") String serial, KeyDownloadBody body) {
    CaId caId = new CaId(caIdText);
    SerialNumber serialNumber = SerialNumber.parse(serial);
    CertificateRecord certificate = CertificateResource.find(caId, serialNumber);
    if (!callers.owns(CertificateResource.requestedBy(certificate))) {
      throw CertificateResource.notFound(caId, serialNumber);
    }
    if (body == null || body.passphrase() == null || body.passphrase().isEmpty()) {
      throw ApiError.invalidField("passphrase", "is required: the one given when eventca generated the key");
    }
    KeyFormat format = format(body.format());
    boolean encrypt = !Boolean.FALSE.equals(body.encrypt());
    if (!encrypt && format == KeyFormat.PFX) {
      throw ApiError.invalidField("encrypt", "cannot be false for pfx: a PKCS#12 file is always protected by the passphrase");
    }
    char[] passphrase = body.passphrase().toCharArray();
    try {
      KeyMaterial key;
      try {
        key = ServerKeys.open(certificate.requestId, passphrase);
      } catch (KeyFormatException e) {
        throw ApiError.invalidField("passphrase", "does not open this key");
      }
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
