package io.eventca.tokens;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code ./eventca-token}: {@code init DIR} makes the token-signing key pair once; {@code mint --key FILE
 * --subject NAME --role ROLE [--days N]} prints a bearer token for ca-service. Exit 0 on success, 2 on bad
 * usage or a bad key file, 1 on an internal error.
 */
public final class TokenTool {
  static final String USAGE = String.join("\n",
      "usage: eventca-token init DIR",
      "       eventca-token mint --key FILE --subject NAME --role admin|operator|requester [--days N]",
      "  init  writes DIR/" + TokenKeys.PRIVATE_KEY_FILE + " (mode 600, keep it offline) and DIR/" + TokenKeys.PUBLIC_KEY_FILE
          + " (give it to ca-service as mp.jwt.verify.publickey.location); refuses to overwrite",
      "  mint  prints a signed token; --days defaults to " + Tokens.DEFAULT_DAYS + ", at most " + Tokens.MAX_DAYS);
  private static final String NAME = "eventca-token";

  private TokenTool() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      if (args.length == 0) {
        throw new UsageException("a command is required");
      }
      switch (args[0]) {
        case "init" -> init(args, out);
        case "mint" -> out.println(mint(args));
        case "-h", "--help", "help" -> out.println(USAGE);
        default -> throw new UsageException("unknown command '" + args[0] + "'");
      }
      return 0;
    } catch (UsageException e) {
      err.println(NAME + ": " + e.getMessage() + "\n" + USAGE);
      return 2;
    } catch (TokenException e) {
      err.println(NAME + ": " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println(NAME + ": " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      // Not the message: an unexpected exception near a private key is not vetted to be free of it.
      err.println(NAME + ": internal error (" + e.getClass().getSimpleName() + ")");
      return 1;
    }
  }

  private static void init(String[] args, PrintStream out) throws IOException {
    if (args.length != 2) {
      throw new UsageException("init takes exactly one argument, the directory");
    }
    TokenKeys.KeyFiles files = TokenKeys.init(path("DIR", args[1]));
    out.println("private signing key: " + files.privateKey() + " (mode 600: keep it secret, ideally offline)");
    out.println("public key for ca-service: " + files.publicKey());
  }

  private static String mint(String[] args) {
    String key = null;
    String subject = null;
    String role = null;
    String days = null;
    for (int i = 1; i < args.length; i++) {
      String option = args[i];
      if (!option.startsWith("--")) {
        throw new UsageException("unexpected argument '" + option + "'");
      }
      if (i + 1 >= args.length) {
        throw new UsageException(option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--key" -> key = once(option, key, value);
        case "--subject" -> subject = once(option, subject, value);
        case "--role" -> role = once(option, role, value);
        case "--days" -> days = once(option, days, value);
        default -> throw new UsageException("unknown option '" + option + "'");
      }
    }
    if (key == null || subject == null || role == null) {
      throw new UsageException("mint needs --key, --subject and --role");
    }
    Tokens.Role parsedRole = Tokens.Role.of(role);
    int parsedDays = days == null ? Tokens.DEFAULT_DAYS : number(days);
    if (parsedDays < 1 || parsedDays > Tokens.MAX_DAYS) {
      throw new TokenException("--days must be between 1 and " + Tokens.MAX_DAYS + ", was " + days);
    }
    return Tokens.mint(TokenKeys.readPrivateKey(path("--key", key)), subject, parsedRole, parsedDays);
  }

  private static String once(String option, String previous, String value) {
    if (previous != null) {
      throw new UsageException(option + " is given twice");
    }
    return value;
  }

  private static int number(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new TokenException("--days must be a whole number between 1 and " + Tokens.MAX_DAYS + ", was '" + text + "'");
    }
  }

  private static Path path(String what, String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new UsageException(what + " is not a valid path: " + text);
    }
  }

  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
