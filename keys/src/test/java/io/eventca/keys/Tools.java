package io.eventca.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the tools we did not write (openssl, keytool) against our artifacts. */
final class Tools {
  private Tools() {}

  record Result(int exit, String output) {
    Result ok() {
      assertThat(exit).as("exit code; output:%n%s", output).isZero();
      return this;
    }

    Result fails() {
      assertThat(exit).as("exit code; output:%n%s", output).isNotZero();
      return this;
    }
  }

  static Result openssl(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    return run(dir, command, Map.of());
  }

  static Result keytool(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    return run(dir, command, Map.of());
  }

  static Result run(Path dir, List<String> command, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        // Never a terminal to prompt on: a missing passphrase must fail, not hang.
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static Path write(Path dir, String name, byte[] content) {
    try {
      return Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path dir, String name, String content) {
    return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(Path file) {
    return new String(read(file), StandardCharsets.UTF_8);
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The public key openssl finds in a private key file, DER SubjectPublicKeyInfo. */
  static byte[] opensslPublicKey(Path dir, Path keyFile, String passin) {
    Path out = dir.resolve(keyFile.getFileName() + ".pub.der");
    openssl(dir, "pkey", "-in", keyFile.toString(), "-passin", passin, "-pubout", "-outform", "DER", "-out", out.toString()).ok();
    return read(out);
  }
}
