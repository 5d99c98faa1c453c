package com.youtubechat.shared.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures a handler's cold start the way Lambda pays it: a fresh JVM per run, pinned to one CPU
 * ({@code taskset -c 0}), C1 only as in the Lambda Java runtime, the classpath of the deployed
 * artifact ({@code make build-XFunction ARTIFACTS_DIR=...}: classes plus {@code lib/*.jar}).
 * Reports wall time from process launch to the first result, as seen by the parent, and the
 * child's own view (JVM start to handler ready and to result), and peak RSS.
 */
public final class ColdStart {

  private static final Pattern PROBE = Pattern.compile(
      "PROBE main=(\\d+) ready=(\\d+) result=(\\d+) classes=(\\d+) output=(.*)");

  /** One run's figures, in milliseconds (RSS in MiB). */
  public record Run(long wallMs, long mainMs, long readyMs, long resultMs, long classes, long peakRssMiB, String output,
      java.util.Map<String, Integer> classesBySource) {

    /** The jars at least one class was loaded from. */
    public java.util.Set<String> jarsLoaded() {
      java.util.Set<String> jars = new java.util.TreeSet<>(classesBySource.keySet());
      jars.removeIf(source -> !source.endsWith(".jar"));
      return jars;
    }
  }

  /** Where -Xlog:class+load says a class came from: a jar, a JDK module, or the CDS archive. */
  private static final Pattern SOURCE = Pattern.compile(
      "source: (?:(?:jar:)?file:(\\S+?\\.jar)|(jrt:/[\\w.]+)|(file:\\S+/)|shared objects file)");

  private ColdStart() {}

  /** The sources that gave a run the most classes, most first, as "source count" pairs. */
  public static String topSources(Run run, int limit) {
    return run.classesBySource().entrySet().stream()
        .sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(limit).map(e -> e.getKey() + " " + e.getValue())
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /**
   * One fresh-JVM run. With {@code logClasses}, class loading is logged to find the jars a function
   * uses (the logging itself costs time, so timed runs go without it).
   */
  public static Run run(Path artifactDir, String handlerClass, Path event, Map<String, String> env, boolean logClasses)
      throws IOException, InterruptedException {
    List<String> classpath = new ArrayList<>();
    classpath.add(artifactDir.toString());
    try (Stream<Path> jars = Files.list(artifactDir.resolve("lib"))) {
      jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> classpath.add(p.toString()));
    }
    // The probe and the stub context only, not the test classpath.
    classpath.add(Path.of(HandlerProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path classLog = Files.createTempFile("class-load", ".log");
    List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "RSS_KB=%M", "taskset", "-c", "0", java,
        "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
        logClasses ? "-Xlog:class+load=info:file=" + classLog : "-Xlog:disable",
        "-cp", String.join(File.pathSeparator, classpath), HandlerProbe.class.getName(), handlerClass, event.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    long start = System.nanoTime();
    Process process = builder.start();
    String probeLine = null;
    long wall = -1;
    long rss = -1;
    StringBuilder all = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        all.append(line).append('\n');
        if (line.startsWith("PROBE ")) {
          wall = (System.nanoTime() - start) / 1_000_000;
          probeLine = line;
        } else if (line.startsWith("RSS_KB=")) {
          rss = Long.parseLong(line.substring(7).strip()) / 1024;
        }
      }
    }
    int exit = process.waitFor();
    Matcher m = probeLine == null ? null : PROBE.matcher(probeLine);
    if (exit != 0 || m == null || !m.matches()) {
      throw new IllegalStateException("the probe failed (exit " + exit + "):\n" + all);
    }
    java.util.Map<String, Integer> sources = new java.util.TreeMap<>();
    Matcher source = SOURCE.matcher(Files.readString(classLog));
    while (source.find()) {
      String where = source.group(1) != null ? Path.of(source.group(1)).getFileName().toString()
          : source.group(2) != null ? source.group(2) : source.group(3) != null ? "class directories" : "CDS archive";
      sources.merge(where, 1, Integer::sum);
    }
    // -Dcoldstart.keepClassLogs=true keeps the logs (uptime-stamped) to see where a start spends its time.
    if (logClasses && Boolean.getBoolean("coldstart.keepClassLogs")) {
      System.out.println("  class-load log of " + artifactDir.getFileName() + ": " + classLog);
    } else {
      Files.deleteIfExists(classLog);
    }
    return new Run(wall, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
        Long.parseLong(m.group(4)), rss, m.group(5), sources);
  }

  public static long median(List<Run> runs, java.util.function.ToLongFunction<Run> field) {
    long[] values = runs.stream().mapToLong(field).sorted().toArray();
    return values[values.length / 2];
  }

  /** The artifact's jars from which no class was loaded in any of the runs. */
  public static List<String> unusedJars(Path artifactDir, List<Run> runs) throws IOException {
    java.util.Set<String> loaded = new java.util.TreeSet<>();
    runs.forEach(run -> loaded.addAll(run.jarsLoaded()));
    try (Stream<Path> jars = Files.list(artifactDir.resolve("lib"))) {
      return jars.map(p -> p.getFileName().toString()).filter(name -> !loaded.contains(name)).sorted().toList();
    }
  }

  public static void print(String name, List<Run> runs) {
    System.out.printf("%s: %d runs, medians: launch->result %d ms (JVM start->main %d, ->handler ready %d,"
            + " ->first result %d), classes loaded %d, peak RSS %d MiB%n", name, runs.size(),
        median(runs, Run::wallMs), median(runs, Run::mainMs), median(runs, Run::readyMs),
        median(runs, Run::resultMs), median(runs, Run::classes), median(runs, Run::peakRssMiB));
    System.out.println("  each run launch->result ms: " + Arrays.toString(runs.stream().mapToLong(Run::wallMs).toArray()));
  }
}
