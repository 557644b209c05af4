package io.eventca.crl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the OpenSSL CLI in a directory, stdout and stderr together (openssl ocsp prints its verdicts on stderr). */
public final class Openssl {
  private Openssl() {}

  public record Run(int exitCode, String output) {}

  public static Run run(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("openssl %s finished", args[0]).isTrue();
    return new Run(process.exitValue(), output);
  }

  /** As {@link #run}, failing the test unless openssl exits with 0. */
  public static String ok(Path dir, String... args) throws Exception {
    Run run = run(dir, args);
    assertThat(run.exitCode()).as("openssl %s: %s", String.join(" ", args), run.output()).isZero();
    return run.output();
  }
}
