package io.eventca.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The checked-in wire fixtures under src/test/resources/fixtures, found by walking the directory. */
public final class Fixtures {
  /** {@code <event-name>.v<version>[.<variant>].json}; see fixtures/v1/README.md. */
  private static final Pattern FILE_NAME = Pattern.compile("([a-z-]+)\\.v([0-9]+)(\\.[a-z0-9-]+)?\\.json");

  private Fixtures() {}

  /** One fixture file: its name (relative to fixtures/) and the wire type its name promises. */
  public record Fixture(String name, String wireType, byte[] bytes) {
    @Override
    public String toString() {
      return name;
    }
  }

  public static List<Fixture> all() {
    Path root = root();
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .sorted()
          .map(p -> load(root, p))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Fixture named(String name) {
    return load(root(), root().resolve(name));
  }

  /** Reads a classpath resource of this module, e.g. a schema; fails the test when it is missing. */
  public static byte[] resource(String name) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError("no resource " + name + " on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Fixture load(Path root, Path file) {
    String fileName = file.getFileName().toString();
    Matcher m = FILE_NAME.matcher(fileName);
    if (!m.matches()) {
      throw new AssertionError("fixture " + file + " is not named <event-name>.v<version>[.<variant>].json");
    }
    try {
      String name = root.relativize(file).toString().replace('\\', '/');
      return new Fixture(name, EventTypes.PREFIX + m.group(1) + ".v" + m.group(2), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() {
    URL url = Fixtures.class.getClassLoader().getResource("fixtures/v1/README.md");
    if (url == null) {
      throw new AssertionError("fixtures/v1 is not on the test classpath");
    }
    try {
      return Path.of(url.toURI()).getParent().getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
