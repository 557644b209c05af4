package io.eventca.ca.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.ca.model.Db;
import io.eventca.ca.model.KeyDownloadLockoutRecord;
import io.eventca.events.ids.CaId;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Key-download lock-outs, newest first, for the people who look after the CA (the projection of eventca.registry). */
@Path("/api/v1/key-download-lockouts")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class LockoutResource {
  private static final int LIMIT = 1000;

  /** One lock-out; the unlock fields once an admin lifted it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Lockout(String caId, String serialNumber, String status, String caller, int failures, Instant lockedAt,
      String unlockedBy, Instant unlockedAt, String unlockReason, String certificate) {}

  /**
   * @param status LOCKED or UNLOCKED; both when absent
   * @param caId only this CA's
   */
  @GET
  @RolesAllowed({Callers.ADMIN, Callers.OPERATOR})
  public List<Lockout> list(@QueryParam("status") String status, @QueryParam("caId") String caId) {
    List<KeyDownloadLockoutRecord.Status> statuses = status == null ? List.of(KeyDownloadLockoutRecord.Status.values())
        : List.of(status(status));
    String ca = caId == null ? null : new CaId(caId).value();
    List<KeyDownloadLockoutRecord> rows = Db.read(() -> ca == null
        ? KeyDownloadLockoutRecord.<KeyDownloadLockoutRecord>find("status in ?1 order by lockedAt desc", statuses).page(0, LIMIT).list()
        : KeyDownloadLockoutRecord.<KeyDownloadLockoutRecord>find("status in ?1 and caId = ?2 order by lockedAt desc", statuses, ca)
            .page(0, LIMIT).list());
    return rows.stream().map(r -> new Lockout(r.caId, r.serialNumber, r.status.name(), r.caller, r.failures, r.lockedAt, r.unlockedBy,
        r.unlockedAt, r.unlockReason, Views.certificatePath(r.caId, r.serialNumber))).toList();
  }

  private static KeyDownloadLockoutRecord.Status status(String name) {
    return Arrays.stream(KeyDownloadLockoutRecord.Status.values()).filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> ApiError.invalidField("status", "must be one of " + Arrays.stream(KeyDownloadLockoutRecord.Status.values())
            .map(Enum::name).collect(Collectors.joining(", "))));
  }
}
