package com.youtubechat.local;

import java.time.Duration;

/** Waits between retries. Tests pass one that records the delays and returns at once. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration delay) throws InterruptedException;

  /** Really waits ({@link Thread#sleep(Duration)}). */
  static Sleeper real() {
    return Thread::sleep;
  }

  /**
   * Really waits {@code delay × factor}: a load benchmark runs Step Functions' retry waits (minutes
   * with backoff) in seconds, e.g. {@code scaled(0.01)}, with the throttles and retries keeping
   * their proportions. The interpreter still computes each delay from the Retry fields and records
   * it unscaled in the history; only the wait itself is shorter.
   *
   * @param factor at least 0 (0 does not wait), finite
   */
  static Sleeper scaled(double factor) {
    return real().scaledBy(factor);
  }

  /** This sleeper, asked for {@code delay × factor} instead of {@code delay} (see {@link #scaled(double)}). */
  default Sleeper scaledBy(double factor) {
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("the time scale must be a finite number >= 0, not " + factor);
    }
    return delay -> sleep(scale(delay, factor));
  }

  /** {@code delay × factor} to the nanosecond, at most {@code Long.MAX_VALUE} nanoseconds (292 years). */
  private static Duration scale(Duration delay, double factor) {
    double nanos = (delay.getSeconds() * 1e9 + delay.getNano()) * factor;
    return nanos >= Long.MAX_VALUE ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(Math.round(nanos));
  }
}
