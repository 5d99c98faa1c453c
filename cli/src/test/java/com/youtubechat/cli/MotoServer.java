package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code moto_server} subprocess on loopback, speaking EventBridge, Step Functions, SQS and
 * CloudFormation. One per test JVM, started on first use and stopped at exit; tests call
 * {@link #reset()} to start from an empty account. Without {@code moto_server} on PATH the tests are
 * skipped on a developer machine and fail under CI ({@code CI=true}).
 */
final class MotoServer {

  /** Distinctive fake credentials: tests check they never appear in any output. */
  static final String ACCESS_KEY_ID = "AKIAMOTOFAKE7Q2W3E4R";
  static final String SECRET_ACCESS_KEY = "moto-fake-secret-Zx81Qp55vR";
  static final String ACCOUNT = "123456789012";
  static final String REGION = "us-east-1";

  private static MotoServer shared;

  private final Process process;
  private final URI endpoint;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  static synchronized MotoServer get() {
    if (shared == null) {
      shared = start();
      MotoServer started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "moto-server-stop"));
    }
    return shared;
  }

  private static MotoServer start() {
    Path executable = findOnPath("moto_server");
    if (executable == null) {
      String why = "moto_server is not on PATH (pip install 'moto[server]')";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    int port = freePort();
    try {
      Path log = Files.createTempFile("moto-server", ".log");
      log.toFile().deleteOnExit();
      Process process = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
      server.awaitReady(log);
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start moto_server", e);
    }
  }

  private void awaitReady(Path log) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("moto_server exited with status " + process.exitValue() + ": " + read(log));
      }
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
            .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(50);
    }
    stop();
    fail("moto_server did not answer within 30 s: " + read(log));
  }

  /** Stops the server; it keeps nothing worth a graceful shutdown, and werkzeug's takes a second or two. */
  void stop() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  URI endpoint() {
    return endpoint;
  }

  /** The environment a CLI run needs to reach this server (and only it). */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_ENDPOINT_URL", endpoint.toString());
    env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
    env.put("AWS_REGION", REGION);
    return env;
  }

  /** Forgets every resource, and goes back to recorded (not executed) state machines. */
  void reset() {
    post("/moto-api/reset", "{}");
    executeStateMachines(false);
  }

  /**
   * Whether StartExecution really runs the definition. moto 5.2 can run only one execution after
   * each reset in this mode (a second StartExecution answers HTTP 500); otherwise executions stay
   * RUNNING until stopped.
   */
  void executeStateMachines(boolean on) {
    post("/moto-api/config", "{\"stepfunctions\": {\"execute_state_machine\": " + on + "}}");
  }

  /**
   * A form POST in the query protocol to {@code service}. moto does not check signatures, but it
   * routes a request by the service named in its Authorization header's credential scope.
   */
  String query(String service, String form) {
    return post("/", form, "application/x-www-form-urlencoded", "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID
        + "/20260101/" + REGION + "/" + service + "/aws4_request, SignedHeaders=host, Signature=0");
  }

  private String post(String path, String body) {
    return post(path, body, "application/json", null);
  }

  private String post(String path, String body, String contentType, String authorization) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", contentType)
          .POST(HttpRequest.BodyPublishers.ofString(body));
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        fail("moto answered HTTP " + response.statusCode() + " to " + path + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("moto_server unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path log) {
    try {
      String text = Files.readString(log);
      return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    } catch (IOException e) {
      return "(log unreadable)";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
