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
}
