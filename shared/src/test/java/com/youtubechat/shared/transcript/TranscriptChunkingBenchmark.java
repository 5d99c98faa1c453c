package com.youtubechat.shared.transcript;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Measures parsing and chunking of a seeded, made-up 10-hour transcript (6,000 caption lines of English
 * speech, ~15 words each, srv3 with one {@code <s>} per word and YouTube's double escaping; the classic
 * format is parsed too). A plain {@code main}, not a test: neither surefire's default includes nor
 * {@code -Dtest='Caption*,Chunk*'} pick it up. Run it from the repository root with:
 *
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * ./mvnw -B -q -pl shared test-compile
 * $JAVA_HOME/bin/java -XX:+UseSerialGC -XX:MarkSweepDeadRatio=0 -Xms256m -Xmx256m \
 *     -cp shared/target/classes:shared/target/test-classes \
 *     com.youtubechat.shared.transcript.TranscriptChunkingBenchmark
 * </pre>
 *
 * <p>The serial collector and a fixed 256 MiB heap resemble a small Lambda (the JVM picks the serial
 * collector there too). {@code -XX:MarkSweepDeadRatio=0} makes every full GC compact completely: by
 * default it may leave up to 5% of the old generation as dead objects, still counted as used, which
 * made the "retained" figure swing by a whole result between runs. Each operation runs
 * {@value #WARM_UPS} times to warm up the JIT, then {@value #RUNS} measured times, each in its own method
 * frame; the medians are printed. Memory is reported three ways, per operation:
 *
 * <ul>
 *   <li><b>allocated</b>: bytes the thread allocated during the operation
 *       ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}), exact and independent
 *       of GC;
 *   <li><b>peak</b>: after a full GC the heap pools' peak-usage counters are reset; afterwards the sum of
 *       their peaks minus the usage before the operation is the most the heap grew during it (an upper
 *       bound, as pools may peak at different moments; a GC during the operation would lower it);
 *   <li><b>retained</b>: heap in use after a full GC with the result still reachable, minus before: the
 *       size of the result itself.
 * </ul>
 */
public final class TranscriptChunkingBenchmark {

  private static final long SEED = 20261124L;
  private static final int SEGMENTS = 6_000;
  private static final int WARM_UPS = 5;
  private static final int RUNS = 5;

  private TranscriptChunkingBenchmark() {}

  public static void main(String[] args) {
    List<CaptionSegment> source = TranscriptFixtures.speech(new Random(SEED), SEGMENTS);
    String srv3 = TranscriptFixtures.srv3(source);
    String classic = TranscriptFixtures.classic(source);
    long words = source.stream().mapToLong(s -> s.text().split(" ").length).sum();
    System.out.printf(Locale.ROOT, "input: %,d segments, %,d words, %.2f h; srv3 %,d bytes, classic %,d bytes%n",
        source.size(), words, source.getLast().end() / 3600,
        srv3.getBytes(StandardCharsets.UTF_8).length, classic.getBytes(StandardCharsets.UTF_8).length);
    System.out.printf(Locale.ROOT, "JVM: %s %s, max heap %,d MiB%n", System.getProperty("java.vm.name"),
        Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);

    Chunker chunker = new Chunker(ChunkerSettings.defaults());
    List<CaptionSegment> segments = measure("parse srv3", () -> CaptionXmlParser.parse(srv3));
    measure("parse classic", () -> CaptionXmlParser.parse(classic));
    List<TranscriptChunk> chunks = measure("chunk", () -> chunker.chunk(segments));
    measure("parse srv3 + chunk", () -> chunker.chunk(CaptionXmlParser.parse(srv3)));

    int[] tokens = chunks.stream().mapToInt(c -> TokenEstimator.estimate(c.text())).sorted().toArray();
    int[] characters = chunks.stream().mapToInt(c -> c.text().length()).sorted().toArray();
    double[] seconds = chunks.stream().mapToDouble(c -> c.end() - c.start()).sorted().toArray();
    System.out.printf(Locale.ROOT, "%nchunks: %,d with %s%n", chunks.size(), chunker.settings());
    System.out.printf(Locale.ROOT, "%-18s %8s %8s %8s %8s%n", "per chunk", "min", "median", "p90", "max");
    System.out.printf(Locale.ROOT, "%-18s %8d %8d %8d %8d%n", "estimated tokens", tokens[0], percentile(tokens, 50),
        percentile(tokens, 90), tokens[tokens.length - 1]);
    System.out.printf(Locale.ROOT, "%-18s %8d %8d %8d %8d%n", "characters", characters[0],
        percentile(characters, 50), percentile(characters, 90), characters[characters.length - 1]);
    System.out.printf(Locale.ROOT, "%-18s %8.1f %8.1f %8.1f %8.1f%n", "seconds of video", seconds[0],
        seconds[seconds.length / 2], seconds[(seconds.length - 1) * 9 / 10], seconds[seconds.length - 1]);
  }

  private record Sample(long nanos, long allocated, long peak, long retained) {}

  private static <T> T measure(String name, Supplier<T> operation) {
    T kept = operation.get(); // returned to the caller; reachable throughout, so it cancels out
    for (int i = 1; i < WARM_UPS; i++) {
      operation.get();
    }
    Sample[] samples = new Sample[RUNS];
    for (int i = 0; i < RUNS; i++) {
      samples[i] = sample(operation);
    }
    System.out.printf(Locale.ROOT, "%-20s median %7.1f ms (runs %s)  allocated %6.1f MiB  peak +%5.1f MiB"
            + "  retained %5.1f MiB%n", name, median(samples, Sample::nanos) / 1e6, millis(samples),
        median(samples, Sample::allocated) / 1048576.0, median(samples, Sample::peak) / 1048576.0,
        median(samples, Sample::retained) / 1048576.0);
    return kept;
  }

  /** One measured run, in its own frame so that its result is garbage once it returns. */
  private static Sample sample(Supplier<?> operation) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    long before = usedAfterGc(heap);
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    Object result = operation.get();
    long nanos = System.nanoTime() - start;
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() - before;
    long retained = usedAfterGc(heap) - before;
    Reference.reachabilityFence(result); // keep the result alive until it has been weighed
    return new Sample(nanos, allocated, peak, retained);
  }

  private static long usedAfterGc(List<MemoryPoolMXBean> heap) {
    System.gc();
    return heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
  }

  private static long median(Sample[] samples, ToLongFunction<Sample> field) {
    long[] sorted = Arrays.stream(samples).mapToLong(field).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  private static int percentile(int[] sorted, int percent) {
    return sorted[(sorted.length - 1) * percent / 100];
  }

  private static String millis(Sample[] samples) {
    StringBuilder out = new StringBuilder();
    for (Sample sample : samples) {
      out.append(out.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f", sample.nanos() / 1e6));
    }
    return out.toString();
  }
}
