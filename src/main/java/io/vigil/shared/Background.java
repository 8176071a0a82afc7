package io.vigil.shared;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A piece of start-up work run on a thread of its own, so that it overlaps the rest of the start,
 * and waited for before the server starts listening: {@link #await} rethrows what made it fail, so
 * a failure still stops the start.
 */
public final class Background {
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  private Background() {}

  /** Starts {@code work} on a daemon thread named {@code name}. */
  public static Background start(String name, Runnable work) {
    Background background = new Background();
    Thread thread =
        new Thread(
            () -> {
              try {
                work.run();
                background.done.complete(null);
              } catch (Throwable e) {
                background.done.completeExceptionally(e);
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    return background;
  }

  /** Waits for the work to end; rethrows the exception or error that ended it early. */
  public void await() {
    try {
      done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }
}
