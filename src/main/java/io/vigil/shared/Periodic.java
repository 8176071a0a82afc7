package io.vigil.shared;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Background work done again and again, {@code interval} apart, on a daemon thread of its own that
 * starts and stops with the application. A run that fails is logged and the next one tries again,
 * so the work must be safe to repeat.
 */
public abstract class Periodic implements SmartLifecycle {
  private final Logger log = LoggerFactory.getLogger(getClass());
  private final String name;
  private final Duration interval;
  private ScheduledExecutorService timer;

  protected Periodic(String name, Duration interval) {
    this.name = name;
    this.interval = interval;
  }

  /** One run of the work. */
  protected abstract void runOnce();

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      log.warn("{} failed; it runs again in {}", name, interval, e);
    }
  }

  @Override
  public void start() {
    timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(name));
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(this::runSafely, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    timer.shutdownNow();
    timer = null;
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }
}
