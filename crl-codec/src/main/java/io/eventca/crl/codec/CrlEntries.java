package io.eventca.crl.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The revokedCertificates of a CRL, each entry kept as its DER in one growing buffer, so re-issuing a CRL copies
 * bytes instead of rebuilding an ASN.1 object per entry. Entries keep insertion order. Not thread-safe: the caller
 * synchronizes.
 */
public final class CrlEntries {
  private static final byte[] REASON_EXTENSION_PREFIX = {
    0x30, 0x0A, 0x06, 0x03, 0x55, 0x1D, 0x15, 0x04, 0x03, 0x0A, 0x01
  };
  private static final byte[] INVALIDITY_EXTENSION_PREFIX = {0x30, 0x18, 0x06, 0x03, 0x55, 0x1D, 0x18, 0x04, 0x11};
  private static final int REASON_EXTENSION_LENGTH = REASON_EXTENSION_PREFIX.length + 1;
  private static final int INVALIDITY_EXTENSION_LENGTH = INVALIDITY_EXTENSION_PREFIX.length + 17;
  // Below this, dead bytes are not worth a pass over the buffer.
  private static final int MIN_DEAD_BYTES_TO_COMPACT = 1 << 16;

  private byte[] buf = new byte[1024];
  private int used;
  // Slot i holds the entry at buf[offsets[i] .. offsets[i] + lengths[i]); length 0 marks a removed entry.
  private int[] offsets = new int[16];
  private byte[] lengths = new byte[16];
  private int slots;
  private long liveBytes;
  private long deadBytes;
  private final Map<BigInteger, Integer> slotBySerial = new HashMap<>();

  /**
   * Adds one revokedCertificates entry, encoded now; reasonCode 0 (unspecified) is left out as RFC 5280 5.3.1 asks.
   * A serial already present is ignored: the first revocation counts.
   *
   * @param invalidityDate null for none
   */
  public void add(BigInteger serial, Instant revokedAt, int reasonCode, Instant invalidityDate) {
    Objects.requireNonNull(revokedAt, "revokedAt");
    byte[] serialOctets = serialOctets(serial);
    checkReason(reasonCode);
    if (slotBySerial.containsKey(serial)) {
      return;
    }
    int timeLength = Der.timeLength(revokedAt);
    int extensionsLength =
        (reasonCode != 0 ? REASON_EXTENSION_LENGTH : 0) + (invalidityDate != null ? INVALIDITY_EXTENSION_LENGTH : 0);
    int contentLength =
        2 + serialOctets.length + timeLength + (extensionsLength > 0 ? 2 + extensionsLength : 0);
    // At most 77 content octets (20-octet serial, GeneralizedTime, both extensions): always a one-octet length.
    int entryLength = 2 + contentLength;
    ensureRoom(entryLength);

    int start = used;
    int pos = start;
    byte[] b = buf;
    b[pos++] = Der.SEQUENCE;
    b[pos++] = (byte) contentLength;
    b[pos++] = 0x02;
    b[pos++] = (byte) serialOctets.length;
    System.arraycopy(serialOctets, 0, b, pos, serialOctets.length);
    pos += serialOctets.length;
    pos = Der.writeTime(b, pos, revokedAt);
    if (extensionsLength > 0) {
      b[pos++] = Der.SEQUENCE;
      b[pos++] = (byte) extensionsLength;
      if (reasonCode != 0) {
        System.arraycopy(REASON_EXTENSION_PREFIX, 0, b, pos, REASON_EXTENSION_PREFIX.length);
        pos += REASON_EXTENSION_PREFIX.length;
        b[pos++] = (byte) reasonCode;
      }
      if (invalidityDate != null) {
        System.arraycopy(INVALIDITY_EXTENSION_PREFIX, 0, b, pos, INVALIDITY_EXTENSION_PREFIX.length);
        pos += INVALIDITY_EXTENSION_PREFIX.length;
        pos = Der.writeGeneralizedTime(b, pos, invalidityDate);
      }
    }
    used = pos;
    offsets[slots] = start;
    lengths[slots] = (byte) entryLength;
    slotBySerial.put(serial, slots);
    slots++;
    liveBytes += entryLength;
  }

  /** @return whether the serial was there */
  public boolean remove(BigInteger serial) {
    Integer slot = slotBySerial.remove(serial);
    if (slot == null) {
      return false;
    }
    int length = lengths[slot] & 0xFF;
    lengths[slot] = 0;
    liveBytes -= length;
    deadBytes += length;
    // Compacting only when the dead bytes outweigh the live ones keeps removal amortised O(1).
    if (deadBytes >= MIN_DEAD_BYTES_TO_COMPACT && deadBytes > liveBytes) {
      compact();
    }
    return true;
  }

  public boolean contains(BigInteger serial) {
    return slotBySerial.containsKey(serial);
  }

  public int size() {
    return slotBySerial.size();
  }

  /** Bytes of all encoded entries together. */
  public long encodedLength() {
    return liveBytes;
  }

  /** Writes the live entries in insertion order, one write per run of adjacent live entries. */
  void writeTo(OutputStream out) throws IOException {
    if (deadBytes == 0) {
      out.write(buf, 0, used);
      return;
    }
    int runStart = -1;
    int runEnd = -1;
    for (int i = 0; i < slots; i++) {
      int length = lengths[i] & 0xFF;
      if (length == 0) {
        continue;
      }
      if (offsets[i] != runEnd) {
        if (runStart >= 0) {
          out.write(buf, runStart, runEnd - runStart);
        }
        runStart = offsets[i];
      }
      runEnd = offsets[i] + length;
    }
    if (runStart >= 0) {
      out.write(buf, runStart, runEnd - runStart);
    }
  }

  private void compact() {
    int[] newSlotOf = new int[slots];
    int write = 0;
    int live = 0;
    for (int i = 0; i < slots; i++) {
      int length = lengths[i] & 0xFF;
      if (length == 0) {
        continue;
      }
      // Moving left within the same array: arraycopy copies as if through a temporary, so overlap is safe.
      System.arraycopy(buf, offsets[i], buf, write, length);
      offsets[live] = write;
      lengths[live] = (byte) length;
      newSlotOf[i] = live;
      write += length;
      live++;
    }
    for (Map.Entry<BigInteger, Integer> e : slotBySerial.entrySet()) {
      e.setValue(newSlotOf[e.getValue()]);
    }
    used = write;
    slots = live;
    deadBytes = 0;
    // Give memory back after a mass expiry, with headroom so that the next adds do not regrow at once.
    if (buf.length > 4L * Math.max(used, 1024)) {
      buf = Arrays.copyOf(buf, Math.max(2 * used, 1024));
    }
    if (offsets.length > 4L * Math.max(slots, 16)) {
      offsets = Arrays.copyOf(offsets, Math.max(2 * slots, 16));
      lengths = Arrays.copyOf(lengths, offsets.length);
    }
  }

  private void ensureRoom(int entryLength) {
    if (used + (long) entryLength > buf.length) {
      long wanted = Math.max((long) buf.length * 2, used + (long) entryLength);
      buf = Arrays.copyOf(buf, (int) Math.min(wanted, Integer.MAX_VALUE - 16));
      if (used + entryLength > buf.length) {
        throw new IllegalStateException("CRL entries exceed 2 GiB");
      }
    }
    if (slots == offsets.length) {
      int n = offsets.length * 2;
      offsets = Arrays.copyOf(offsets, n);
      lengths = Arrays.copyOf(lengths, n);
    }
  }

  private static byte[] serialOctets(BigInteger serial) {
    Objects.requireNonNull(serial, "serial");
    if (serial.signum() <= 0) {
      throw new IllegalArgumentException("serial must be positive: " + serial);
    }
    byte[] octets = serial.toByteArray();
    // RFC 5280 4.1.2.2: at most 20 octets of INTEGER content, sign octet included.
    if (octets.length > 20) {
      throw new IllegalArgumentException("serial longer than 20 octets: " + serial.toString(16));
    }
    return octets;
  }

  private static void checkReason(int reasonCode) {
    // RFC 5280 5.3.1: 0-10, and 7 is not assigned.
    if (reasonCode < 0 || reasonCode > 10 || reasonCode == 7) {
      throw new IllegalArgumentException("not a CRLReason: " + reasonCode);
    }
  }
}
