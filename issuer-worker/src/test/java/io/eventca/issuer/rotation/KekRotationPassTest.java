package io.eventca.issuer.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.custody.Kek;
import io.eventca.custody.KekRing;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import io.eventca.issuer.state.CaState;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

/** One start-up pass of re-wrapping, over an in-memory CA state; the broker part is in KekRotationTest. */
class KekRotationPassTest {
  private static final Kek KEK_0 = kek("kek-0", 9);
  private static final Kek KEK_1 = kek("kek-1", 1);
  private static final Kek KEK_2 = kek("kek-2", 2);
  private static final KekRing ROTATING = new KekRing(KEK_2, List.of(KEK_1));

  private final CaState state = new CaState();
  private final List<List<CaKeyStored>> published = new ArrayList<>();

  @Test
  void givenKeysUnderKek1_whenTheWorkerStartsWithKek2Current_thenOnlyThoseArePublishedAgainUnderKek2() {
    CaKeyStored old = given(KEK_1);
    CaKeyStored current = given(KEK_2);
    CaKeyStored inToken = CaKeyStored.inToken(CaId.random(), KeyAlgorithm.EC, "00", "eventca-hsm", "eventca-ca-x");
    state.apply(inToken);

    assertThat(rotation().runOnce()).isTrue();

    assertThat(published).singleElement().satisfies(records -> assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.caId()).isEqualTo(old.caId());
      assertThat(r.kekId()).isEqualTo("kek-2");
      assertThat(r.publicKeySha256()).isEqualTo(old.publicKeySha256());
    }));
    assertThat(state.storedKeys()).extracting(CaKeyStored::kekId).containsOnly("kek-2", null);
    assertThat(state.storedKeys()).contains(current, inToken);
    assertThat(new KekRing(KEK_2).privateKey(state.storedKeys().stream().filter(s -> s.caId().equals(old.caId())).findFirst().orElseThrow()))
        .isEqualTo(new KekRing(KEK_1).privateKey(old));
  }

  @Test
  void givenAPassThatCrashedBeforeItsTransactionCommitted_whenTheWorkerStartsAgain_thenTheNextPassFinishesIt() {
    CaKeyStored first = given(KEK_1);
    CaKeyStored second = given(KEK_1);
    KekRotation crashing = new KekRotation(ROTATING, state, records -> {
      throw new KafkaException("broker went away before the commit");
    });

    assertThat(crashing.runOnce()).as("not done: the processor waits and asks again").isFalse();
    assertThat(state.storedKeys()).contains(first, second);

    assertThat(rotation().runOnce()).isTrue();
    assertThat(published).singleElement().satisfies(records -> assertThat(records).hasSize(2));

    published.clear();
    assertThat(rotation().runOnce()).isTrue();
    assertThat(published).as("a start after a finished rotation has nothing to do").isEmpty();
  }

  @Test
  void givenAKeyUnderAKekThisWorkerDoesNotHold_thenItIsLeftAsItIsAndTheWorkerStillStarts() {
    CaKeyStored lost = given(KEK_0);
    CaKeyStored old = given(KEK_1);

    assertThat(rotation().runOnce()).isTrue();

    assertThat(published).singleElement().satisfies(records -> assertThat(records).extracting(CaKeyStored::caId).containsExactly(old.caId()));
    assertThat(state.storedKeys()).contains(lost);
  }

  private KekRotation rotation() {
    return new KekRotation(ROTATING, state, published::add);
  }

  private CaKeyStored given(Kek kek) {
    CaKeyStored stored = new KekRing(kek).generate(CaId.random(), KeyAlgorithm.EC, 256).stored();
    state.apply(stored);
    return stored;
  }

  private static Kek kek(String id, int fill) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) fill);
    return Kek.fromBase64(id, Base64.getEncoder().encodeToString(bytes));
  }
}
