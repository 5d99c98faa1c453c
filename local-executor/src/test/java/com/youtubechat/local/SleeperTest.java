package com.youtubechat.local;

import static com.youtubechat.local.Fakes.json;
import static com.youtubechat.local.Fakes.machine;
import static com.youtubechat.local.Fakes.oneTask;
import static com.youtubechat.local.Fakes.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.local.Fakes.FakeInvoker;
import com.youtubechat.local.Fakes.FlakyException;
import com.youtubechat.local.Fakes.RecordingSleeper;
import com.youtubechat.local.Fakes.ScriptedRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120) // a guard against a hang, not a speed bound
class SleeperTest {

  @Test
  void scaledBy_asksTheSleeperForTheDelayTimesTheFactor() throws InterruptedException {
    RecordingSleeper recorded = new RecordingSleeper();
    Sleeper hundredth = recorded.scaledBy(0.01);
    Sleeper none = recorded.scaledBy(0);

    hundredth.sleep(seconds(2));
    hundredth.sleep(Duration.ofMinutes(5));
    hundredth.sleep(Duration.ofMillis(3));
    none.sleep(Duration.ofHours(1));
    recorded.scaledBy(1e12).sleep(Duration.ofDays(365));

    assertEquals(List.of(Duration.ofMillis(20), seconds(3), Duration.ofNanos(30_000), Duration.ZERO,
        Duration.ofNanos(Long.MAX_VALUE)), recorded.delays());
  }

  @Test
  void scaled_reallyWaitsTheScaledDelay() throws InterruptedException {
    long start = System.nanoTime();
    Sleeper.scaled(0.001).sleep(seconds(30));
    long elapsed = System.nanoTime() - start;

    // A lower bound only: a wait is never shorter than asked, however busy the machine.
    assertTrue(elapsed >= Duration.ofMillis(30).toNanos(), "waited only " + elapsed + " ns");
  }

  @Test
  void scaled_isInterruptible() {
    Thread.currentThread().interrupt();

    assertThrows(InterruptedException.class, () -> Sleeper.scaled(0.5).sleep(Duration.ofHours(1)));
    assertFalse(Thread.interrupted());
  }

  @Test
  void scale_mustBeFiniteAndNotNegative() {
    for (double factor : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class, () -> Sleeper.scaled(factor), "factor " + factor);
    }
  }

  @Test
  void retry_keepsTheAslDelaysInTheHistory_andOnlyTheWaitIsScaled() {
    AtomicInteger calls = new AtomicInteger();
    FakeInvoker invoker = new FakeInvoker().on("Fn", payload -> {
      if (calls.incrementAndGet() <= 3) {
        throw new FlakyException("busy");
      }
      return payload;
    });
    RecordingSleeper waits = new RecordingSleeper();
    String definition = oneTask("Fn", """
        "Retry": [{"ErrorEquals": ["%s"], "IntervalSeconds": 4, "BackoffRate": 3, "MaxDelaySeconds": 30,
                   "MaxAttempts": 3, "JitterStrategy": "FULL"}], "End": true""".formatted(FlakyException.class.getName()),
        "");

    Execution execution = machine(definition, invoker, "Fn").sleeper(waits.scaledBy(0.001))
        .random(new ScriptedRandom(0.5, 0.5, 0.5)).build().startExecution(json("{}"));

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.error() + ": " + execution.cause());
    // 4, 12, 36 → 30 (MaxDelaySeconds), each × 0.5 (FULL jitter): 2, 6, 15 s as Step Functions waits them
    assertEquals(List.of(seconds(2), seconds(6), seconds(15)), execution.eventsOf("Call").stream()
        .filter(event -> event.type() == HistoryEvent.Type.RETRY).map(HistoryEvent::duration).toList());
    assertEquals(List.of(Duration.ofMillis(2), Duration.ofMillis(6), Duration.ofMillis(15)), waits.delays());
  }
}
