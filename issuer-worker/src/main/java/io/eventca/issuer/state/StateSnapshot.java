package io.eventca.issuer.state;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A file with what the worker knows of {@code eventca.issuance} up to a position per partition (issue 12: start-up
 * independent of history). A worker that finds one loads it and reads the topic from those positions instead of from
 * the beginning. It is a cache, never a fact: it holds no key material (only CA certificates, 128-bit names of request
 * ids and serials, and where each answer lies), it names the topic it was taken from by Kafka's topic id (a topic
 * deleted and created again makes it void), and a SHA-256 over the whole file catches a torn or damaged write. When it
 * is void or damaged the worker reads the whole topic, as without one.
 */
public final class StateSnapshot {
  private static final long MAGIC = 0x4556434153544154L; // "EVCASTAT"
  private static final int VERSION = 2; // 2: tables in spans of the retry horizon
  private static final int DIGEST_BYTES = 32;

  private final Path directory;
  private final Path file;

  public StateSnapshot(Path directory) {
    this.directory = directory;
    this.file = directory.resolve("ca-state.snapshot");
  }

  Path file() {
    return file;
  }

  /** What a snapshot was taken of: the issuance topic's id and the position reached in each of its partitions. */
  record Header(long horizonMillis, String topicId, long[] positions) {}

  void write(CaState state, String topicId, long[] positions) throws IOException {
    Files.createDirectories(directory);
    Path partial = Files.createTempFile(directory, "ca-state", ".partial");
    try {
      MessageDigest sha256 = sha256();
      try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
        DataOutputStream out = new DataOutputStream(new DigestOutputStream(raw, sha256));
        out.writeLong(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(state.horizonMillis());
        out.writeUTF(topicId);
        out.writeInt(positions.length);
        for (long position : positions) {
          out.writeLong(position);
        }
        state.writeSnapshot(out);
        out.flush();
        raw.write(sha256.digest());
      }
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** The header of an intact snapshot; empty when there is none, or when its digest does not match. */
  Optional<Header> header() throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) < DIGEST_BYTES + 8) {
      return Optional.empty();
    }
    if (!intact()) {
      return Optional.empty();
    }
    try (DataInputStream in = open()) {
      return Optional.of(readHeader(in));
    }
  }

  /** Loads the snapshot whose {@link #header()} was checked into {@code state}, which has applied nothing of the topic. */
  void loadInto(CaState state) throws IOException {
    try (DataInputStream in = open()) {
      readHeader(in);
      state.readSnapshot(in);
    }
  }

  private DataInputStream open() throws IOException {
    return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
  }

  private static Header readHeader(DataInputStream in) throws IOException {
    if (in.readLong() != MAGIC) {
      throw new IOException("not a CA state snapshot");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException("a CA state snapshot of version " + version + ", this worker reads " + VERSION);
    }
    long horizonMillis = in.readLong();
    String topicId = in.readUTF();
    int count = in.readInt();
    if (count < 1 || count > 1 << 16) {
      throw new IOException("a snapshot of " + count + " partitions");
    }
    long[] positions = new long[count];
    for (int i = 0; i < count; i++) {
      positions[i] = in.readLong();
    }
    return new Header(horizonMillis, topicId, positions);
  }

  private boolean intact() throws IOException {
    long body = Files.size(file) - DIGEST_BYTES;
    MessageDigest sha256 = sha256();
    byte[] expected;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      byte[] buffer = new byte[1 << 16];
      long left = body;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          return false;
        }
        sha256.update(buffer, 0, n);
        left -= n;
      }
      expected = in.readNBytes(DIGEST_BYTES);
    }
    return Arrays.equals(expected, sha256.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
