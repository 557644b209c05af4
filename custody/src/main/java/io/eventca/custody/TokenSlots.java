package io.eventca.custody;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the slot of a PKCS#11 token by its label. SunPKCS11's configuration knows only slot ids and indexes, and
 * slot ids are not stable (SoftHSM2 picks a new one for every token it initialises), so the label is the name an
 * operator can configure. The JDK has no public API for token labels; its own PKCS#11 wrapper does, which needs
 * {@value #ADD_EXPORTS} on the JVM command line.
 */
final class TokenSlots {
  static final String ADD_EXPORTS = "--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";
  /** CKF_OS_LOCKING_OK: the init args SunPKCS11 passes, so the module instance the JDK caches per path suits both. */
  private static final long OS_LOCKING_OK = 0x2L;

  private TokenSlots() {}

  static long slotOf(String library, String tokenLabel) {
    List<String> seen = new ArrayList<>();
    try {
      Class<?> pkcs11 = Class.forName("sun.security.pkcs11.wrapper.PKCS11");
      Class<?> initArgs = Class.forName("sun.security.pkcs11.wrapper.CK_C_INITIALIZE_ARGS");
      Object args = initArgs.getConstructor().newInstance();
      initArgs.getField("flags").setLong(args, OS_LOCKING_OK);
      Object module =
          pkcs11.getMethod("getInstance", String.class, String.class, initArgs, boolean.class)
              .invoke(null, library, "C_GetFunctionList", args, false);
      Method tokenInfo = pkcs11.getMethod("C_GetTokenInfo", long.class);
      for (long slot : (long[]) pkcs11.getMethod("C_GetSlotList", boolean.class).invoke(module, true)) {
        Object info = tokenInfo.invoke(module, slot);
        // CK_TOKEN_INFO.label is blank-padded to 32 characters
        String label = new String((char[]) info.getClass().getField("label").get(info)).stripTrailing();
        if (label.equals(tokenLabel)) {
          return slot;
        }
        seen.add(label.isEmpty() ? "(uninitialised)" : label);
      }
    } catch (IllegalAccessException | IllegalAccessError e) {
      throw new IllegalStateException("finding PKCS#11 token " + tokenLabel + " by label needs the JVM option " + ADD_EXPORTS, e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot list the tokens of PKCS#11 module " + library + ": " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this JDK's PKCS#11 wrapper is not the one expected (" + e + ")", e);
    }
    throw new IllegalStateException("PKCS#11 module " + library + " has no token labelled " + tokenLabel + "; tokens: " + seen);
  }
}
