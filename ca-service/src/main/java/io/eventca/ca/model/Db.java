package io.eventca.ca.model;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs Hibernate Reactive work from a blocking caller (an HTTP worker thread or the projection's consumer
 * thread): the work runs on a Vert.x context, the caller waits for its result.
 */
public final class Db {
  private Db() {}

  public static <T> T read(Supplier<Uni<T>> work) {
    return await(() -> Panache.withSession(work::get));
  }

  public static <T> T inTransaction(Supplier<Uni<T>> work) {
    return await(() -> Panache.withTransaction(work::get));
  }

  private static <T> T await(Supplier<Uni<T>> work) {
    try {
      return VertxContextSupport.subscribeAndAwait(work);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
