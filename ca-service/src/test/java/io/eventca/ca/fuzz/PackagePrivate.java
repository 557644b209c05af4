package io.eventca.ca.fuzz;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Reaches the package-private pieces of io.eventca.ca.api (Prefer, RequestCertificateBody.Validated) from the fuzz
 * package without widening the production API for a test. Exceptions are unwrapped so Jazzer reports the code's own
 * exception, not the reflection wrapper.
 */
final class PackagePrivate {
  private PackagePrivate() {}

  static Method method(String className, String name, Class<?>... parameterTypes) {
    try {
      Method method = Class.forName(className).getDeclaredMethod(name, parameterTypes);
      method.setAccessible(true);
      return method;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the fuzz tests expect " + className + "#" + name, e);
    }
  }

  /** A record component of a package-private record, e.g. {@code component(validated, "event")}. */
  static Object component(Object record, String name) {
    try {
      return invoke(record.getClass().getDeclaredMethod(name), record);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(record.getClass() + " has no component " + name, e);
    }
  }

  static Object invoke(Method method, Object target, Object... args) {
    try {
      method.setAccessible(true);
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
