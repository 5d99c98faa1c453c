package com.youtubechat.shared.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.youtubechat.shared.testing.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM whose classpath is a function's deployed artifact plus this class: builds the
 * handler with its no-arg constructor (as Lambda does, reading the environment), invokes it once
 * with the event file, and prints one line of timings measured from JVM start.
 * Usage: {@code HandlerProbe <handler class> <event.json>}.
 */
public final class HandlerProbe {

  private HandlerProbe() {}

  public static void main(String[] args) throws Exception {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long mainEntered = System.currentTimeMillis();
    byte[] event = Files.readAllBytes(Path.of(args[1]));
    RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    long ready = System.currentTimeMillis();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext());
    long done = System.currentTimeMillis();
    System.out.println("PROBE main=" + (mainEntered - jvmStart) + " ready=" + (ready - jvmStart)
        + " result=" + (done - jvmStart) + " classes="
        + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount()
        + " output=" + out.toString(StandardCharsets.UTF_8));
  }
}
