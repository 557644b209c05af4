package io.eventca.keys;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line twin of convert_priv_key.sh: {@code -in IN -out OUT [-informat pfx|pkcs8|pkcs12|rsa]
 * [-outformat pkcs8|rsa] [-encrypt]}, defaults rsa to pkcs8. Passphrases come from EVENTCA_IN_PASSPHRASE /
 * EVENTCA_OUT_PASSPHRASE or the console, never from arguments (which any local user can read from the process list).
 * Exit 0 on success, 2 on bad usage or bad input, 1 on an internal error.
 */
public final class ConvertPrivKey {
  static final String IN_PASSPHRASE = "EVENTCA_IN_PASSPHRASE";
  static final String OUT_PASSPHRASE = "EVENTCA_OUT_PASSPHRASE";
  static final String USAGE =
      "usage: ConvertPrivKey -in IN -out OUT [-informat pfx|pkcs8|pkcs12|rsa] [-outformat pkcs8|rsa] [-encrypt]";

  private static final String NAME = "convert_priv_key";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final int MAX_INPUT = 1 << 20;

  /** Asks the user for a passphrase; the console in production, a stub in tests. */
  @FunctionalInterface
  interface Prompt {
    /** The typed passphrase, or null when nobody can be asked. */
    char[] ask(String prompt);
  }

  private ConvertPrivKey() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream err) {
    Console console = System.console();
    return run(args, env, err, console == null ? prompt -> null : prompt -> console.readPassword("%s", prompt));
  }

  static int run(String[] args, Map<String, String> env, PrintStream err, Prompt prompt) {
    try {
      Options options = Options.parse(args);
      if (options.help) {
        err.println(USAGE);
        return 0;
      }
      convert(options, env, prompt);
      return 0;
    } catch (UsageException e) {
      err.println(NAME + ": " + e.getMessage() + "; " + USAGE);
      return 2;
    } catch (KeyFormatException | Failure e) {
      err.println(NAME + ": " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      // Not the message: an unexpected exception's text is not vetted to be free of secrets.
      err.println(NAME + ": internal error (" + e.getClass().getSimpleName() + ")");
      return 1;
    }
  }

  private static void convert(Options options, Map<String, String> env, Prompt prompt) {
    byte[] input = readInput(options.in);
    char[] inPassphrase = fromEnv(env, IN_PASSPHRASE);
    char[] outPassphrase = null;
    byte[] output = null;
    try {
      KeyMaterial key;
      try {
        key = KeyMaterial.read(input, options.informat, inPassphrase);
      } catch (PassphraseRequiredException e) {
        inPassphrase = prompt.ask("Enter pass phrase for " + options.in + ":");
        if (inPassphrase == null) {
          throw new Failure(e.getMessage() + " (set " + IN_PASSPHRASE + " or run from a terminal)");
        }
        key = KeyMaterial.read(input, options.informat, inPassphrase);
      }
      if (options.encrypt) {
        outPassphrase = outPassphrase(env, prompt, options.out);
      }
      output = key.write(options.outformat, outPassphrase, List.of(), null);
      writeOwnerOnly(options.out, output);
    } finally {
      Secrets.wipe(input);
      Secrets.wipe(output);
      Secrets.wipe(inPassphrase);
      Secrets.wipe(outPassphrase);
    }
  }

  private static char[] outPassphrase(Map<String, String> env, Prompt prompt, Path out) {
    char[] passphrase = fromEnv(env, OUT_PASSPHRASE);
    if (passphrase != null) {
      return passphrase;
    }
    passphrase = prompt.ask("Enter pass phrase for " + out + ":");
    if (passphrase == null) {
      throw new Failure("-encrypt needs a passphrase: set " + OUT_PASSPHRASE + " or run from a terminal");
    }
    char[] again = prompt.ask("Verifying - Enter pass phrase for " + out + ":");
    try {
      if (again == null || !Arrays.equals(passphrase, again)) {
        Secrets.wipe(passphrase);
        throw new Failure("the passphrases do not match");
      }
      return passphrase;
    } finally {
      Secrets.wipe(again);
    }
  }

  private static char[] fromEnv(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null ? null : value.toCharArray();
  }

  private static byte[] readInput(Path in) {
    try {
      if (Files.size(in) > MAX_INPUT) {
        throw new Failure("cannot read " + in + ": larger than 1 MiB, not a private key");
      }
      return Files.readAllBytes(in);
    } catch (IOException e) {
      throw new Failure("cannot read " + in + ": " + reason(e));
    }
  }

  /**
   * Written to a temporary file created owner-only in the target directory, then renamed over OUT: the key is never
   * readable by others, not even for a moment, and an existing OUT with looser permissions is replaced, not reused.
   */
  private static void writeOwnerOnly(Path out, byte[] bytes) {
    Path dir = out.toAbsolutePath().getParent();
    Path temporary = null;
    try {
      boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
      temporary = posix
          ? Files.createTempFile(dir, ".convert_priv_key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
          : Files.createTempFile(dir, ".convert_priv_key", ".tmp");
      Files.write(temporary, bytes);
      try {
        Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING);
      }
      temporary = null;
    } catch (IOException e) {
      throw new Failure("cannot write " + out + ": " + reason(e));
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // Best effort: the failure that got us here is the one to report.
        }
      }
    }
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getClass().getSimpleName();
  }

  /** A bad command line: reported with the usage line. */
  private static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Bad input or an I/O failure the user can fix: reported as is. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }
  }

  private static final class Options {
    Path in;
    Path out;
    KeyFormat informat = KeyFormat.RSA;
    KeyFormat outformat = KeyFormat.PKCS8;
    boolean encrypt;
    boolean help;

    static Options parse(String[] args) {
      Options o = new Options();
      boolean informatSet = false;
      boolean outformatSet = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "-in" -> o.in = once(o.in, arg, path(value(args, ++i, arg), arg));
          case "-out" -> o.out = once(o.out, arg, path(value(args, ++i, arg), arg));
          case "-informat" -> {
            onlyOnce(informatSet, arg);
            informatSet = true;
            o.informat = format(value(args, ++i, arg), arg);
          }
          case "-outformat" -> {
            onlyOnce(outformatSet, arg);
            outformatSet = true;
            o.outformat = format(value(args, ++i, arg), arg);
            if (o.outformat == KeyFormat.PFX) {
              throw new UsageException("-outformat must be pkcs8 or rsa (pfx output needs the certificate chain)");
            }
          }
          case "-encrypt" -> o.encrypt = true;
          case "-help", "-h", "--help" -> o.help = true;
          default -> throw new UsageException(arg.startsWith("-") ? "unknown option " + arg : "unexpected argument " + arg);
        }
      }
      if (o.help) {
        return o;
      }
      if (o.in == null) {
        throw new UsageException("missing -in");
      }
      if (o.out == null) {
        throw new UsageException("missing -out");
      }
      return o;
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new UsageException(option + " needs a value");
      }
      return args[i];
    }

    private static Path path(String value, String option) {
      try {
        return Path.of(value);
      } catch (InvalidPathException e) {
        throw new UsageException(option + ": not a valid path");
      }
    }

    private static <T> T once(T current, String option, T value) {
      onlyOnce(current != null, option);
      return value;
    }

    private static void onlyOnce(boolean alreadySet, String option) {
      if (alreadySet) {
        throw new UsageException(option + " given twice");
      }
    }

    private static KeyFormat format(String name, String option) {
      try {
        return KeyFormat.of(name);
      } catch (KeyFormatException e) {
        throw new UsageException(option + ": " + e.getMessage());
      }
    }
  }
}
