package io.vigil.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The clock of the server under test: the system's, moved forward by what a test asks for, so that
 * tests can see time pass (a task's due time lapse) without waiting. {@link ApiTest} puts it back
 * after every test.
 */
public final class TestClock extends Clock {
  private volatile Duration offset = Duration.ZERO;

  /** Moves the server's time forward by {@code duration}. */
  public void advance(Duration duration) {
    offset = offset.plus(duration);
  }

  /** Back to the system's time. */
  public void reset() {
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("Vigil reads time in UTC");
  }

  /** Makes the test clock the server's clock. */
  @TestConfiguration
  public static class Configuration {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock();
    }
  }
}
