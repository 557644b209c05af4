package io.eventca.issuer.rotation;

import io.eventca.custody.KekRing;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.issuer.state.CaState;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Step 3 of a KEK rotation (docs/KEY-CUSTODY.md), run by issuer-worker, the one writer of eventca.ca-keys, once the
 * CA state holds the whole topic and before any request is served: every CA key under a previous KEK is re-wrapped
 * under the current one and published again under the same CA id, so compaction keeps only the new record.
 *
 * <p>A crash part-way is harmless: the records go out in one Kafka transaction, so either all of them are on the
 * topic or none, and a pass finds only the keys that are still under a previous KEK. Readers (crl-publisher) hold
 * the same ring, so they sign with the old record or the new one alike.
 */
public final class KekRotation {
  private static final Logger LOG = Logger.getLogger(KekRotation.class);

  /** Puts all of the records on eventca.ca-keys, or none of them (it throws then). */
  @FunctionalInterface
  public interface Publisher {
    void publish(List<CaKeyStored> records);
  }

  private final KekRing ring;
  private final CaState state;
  private final Publisher publisher;
  private volatile boolean done;

  public KekRotation(KekRing ring, CaState state, Publisher publisher) {
    this.ring = ring;
    this.state = state;
    this.publisher = publisher;
  }

  /**
   * Re-wraps what the state holds under previous KEKs; call it once the state has caught up with the log.
   *
   * @return true once done (later calls do nothing); false when publishing failed and the pass should be retried
   */
  public boolean runOnce() {
    if (done) {
      return true;
    }
    Rewrap pass = Rewrap.of(ring, state.storedKeys());
    if (!pass.rewrapped().isEmpty()) {
      try {
        publisher.publish(pass.rewrapped());
      } catch (RuntimeException e) {
        LOG.warnf("cannot publish %d re-wrapped CA keys (%s); nothing was published, trying again", pass.rewrapped().size(),
            e.toString());
        return false;
      }
      // The reader will bring the same records; applying them now means no request is signed from the old ones.
      pass.rewrapped().forEach(state::apply);
    }
    report(pass);
    done = true;
    return true;
  }

  private void report(Rewrap pass) {
    if (!pass.rewrapped().isEmpty()) {
      LOG.infof("KEK rotation: re-wrapped %d CA keys under KEK %s (from %s); %d were under it already",
          pass.rewrapped().size(), ring.currentKekId(), pass.fromKeks(), pass.alreadyCurrent());
    } else {
      LOG.infof("KEK rotation: nothing to re-wrap; %d CA keys are under the current KEK %s, %d are in a PKCS#11 token",
          pass.alreadyCurrent(), ring.currentKekId(), pass.inToken());
    }
    pass.notHeld().forEach((caId, kekId) -> LOG.warnf(
        "the key of CA %s is under KEK %s, which this worker does not hold: the CA cannot sign until %s is configured as a"
            + " previous KEK (eventca.custody.previous-keks)", caId, kekId, kekId));
    pass.failed().forEach((caId, why) -> LOG.errorf("the key of CA %s was not re-wrapped: %s", caId, why));
  }
}
