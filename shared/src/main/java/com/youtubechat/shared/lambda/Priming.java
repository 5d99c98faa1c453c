package com.youtubechat.shared.lambda;

import com.youtubechat.shared.log.Log;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart runtime hooks for one handler. Before the snapshot, {@code warm} runs the code paths an
 * invocation will take (JSON mapping, HTTP and JDBC client classes, parsing) on canned data, with no
 * side effect: no request is sent, no row written, no connection opened. Then, and again after every
 * restore, {@code reset} drops whatever connections exist, so none is frozen into the snapshot or
 * reused after it. Randomness used at run time comes from {@link java.security.SecureRandom}
 * instances created per call, so no seed is frozen either. Outside SnapStart the hooks never run.
 */
public final class Priming implements Resource {

  private static final System.Logger LOG = Log.get(Priming.class);

  private final Runnable warm;
  private final Runnable reset;

  private Priming(Runnable warm, Runnable reset) {
    this.warm = warm;
    this.reset = reset;
  }

  /**
   * Registers the hooks. The runtime keeps only a weak reference: the caller must keep the returned
   * object (a handler field) for as long as the hooks should run.
   */
  public static Priming register(Runnable warm, Runnable reset) {
    Priming priming = new Priming(warm, reset);
    Core.getGlobalContext().register(priming);
    return priming;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    long start = System.nanoTime();
    try {
      warm.run();
    } catch (RuntimeException e) {
      // A failed warm-up only costs speed; the snapshot must still be taken.
      LOG.log(System.Logger.Level.WARNING, "priming failed: {0}", e.toString());
    }
    reset.run();
    LOG.log(System.Logger.Level.INFO, "primed in {0} ms", String.valueOf((System.nanoTime() - start) / 1_000_000));
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    reset.run();
  }
}
