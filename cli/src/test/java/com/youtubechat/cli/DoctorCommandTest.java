package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.emulators.FakeVideo;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.emulators.SsmEmulator;
import com.youtubechat.emulators.YoutubeEmulator;
import com.youtubechat.shared.xata.XataConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {

  private YoutubeEmulator youtube;
  private ServiceEmulators.CohereModels cohere;
  private ServiceEmulators.PusherChannels pusher;

  @BeforeEach
  void setUp() {
    youtube = new YoutubeEmulator();
    youtube.add(new FakeVideo(DoctorCommand.KNOWN_VIDEO));
    cohere = new ServiceEmulators.CohereModels();
    pusher = new ServiceEmulators.PusherChannels();
  }

  @AfterEach
  void tearDown() throws Exception {
    youtube.close();
    cohere.close();
    pusher.close();
  }

  private Map<String, String> everything() {
    try (XataConnection migrated = TestDatabase.fresh()) {
      // the shared test database, with the schema applied
    }
    MotoServer moto = MotoServer.get();
    Map<String, String> env = new HashMap<>(moto.environment());
    env.put("XATA_DB_URL", TestDatabase.url());
    env.putAll(youtube.environment());
    env.put("COHERE_API_KEY", ServiceEmulators.CohereModels.KEY);
    env.put("COHERE_BASE_URL", cohere.baseUrl());
    env.putAll(pusher.environment(ServiceEmulators.PusherChannels.SECRET));
    return env;
  }

  private static String line(CliRun run, String service) {
    return run.out().lines().filter(l -> l.startsWith(service + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + service + "\n" + run));
  }

  @Test
  void doctor_everyServiceReachable_saysOkForEach_exits0() {
    CliRun run = CliRun.run(everything(), "doctor");

    assertEquals(0, run.status(), run::toString);
    assertEquals(List.of("configuration", "database", "youtube", "cohere", "pusher", "aws"),
        run.out().lines().map(l -> l.split(" ")[0]).toList(), run::toString);
    assertEquals("configuration  ok", line(run, "configuration"));
    assertTrue(line(run, "database").matches("database {7}ok: jdbc:postgresql://127\\.0\\.0\\.1:\\d+/ytchat_test as postgres, schema present"), run::toString);
    assertTrue(line(run, "youtube").startsWith("youtube        ok: watch page of jNQXAC9IVRw from " + youtube.baseUrl() + " in "), run::toString);
    assertEquals("cohere         ok: COHERE_API_KEY accepted by " + cohere.baseUrl() + " (listed models)", line(run, "cohere"));
    assertEquals("pusher         ok: app 1234567 (" + pusher.baseUrl() + ") accepted the credentials", line(run, "pusher"));
    assertEquals("aws            ok: region us-east-1 at " + MotoServer.get().endpoint()
        + ", event bus arn:aws:events:us-east-1:123456789012:event-bus/default", line(run, "aws"));
    assertEquals("", run.err());
  }

  /** everything(), with the Cohere key and Pusher secret held in SSM and named by *_PARAMETER. */
  private Map<String, String> secretsIn(SsmEmulator ssm) {
    Map<String, String> env = everything();
    ssm.put("/ytc/cohere-api-key", env.remove("COHERE_API_KEY"));
    ssm.put("/ytc/pusher-secret", env.remove("PUSHER_SECRET"));
    env.put("COHERE_API_KEY_PARAMETER", "/ytc/cohere-api-key");
    env.put("PUSHER_SECRET_PARAMETER", "/ytc/pusher-secret");
    env.putAll(ssm.environment()); // its region and credentials; moto (the aws check) accepts any
    return env;
  }

  @Test
  void doctor_secretsInSsm_readsThemFirst_thenChecksTheServicesWithTheirValues() {
    try (SsmEmulator ssm = new SsmEmulator()) {
      CliRun run = CliRun.run(secretsIn(ssm), "doctor");

      assertEquals(0, run.status(), run::toString);
      assertEquals("secrets        ok: 2 SSM parameters read in eu-west-1 (/ytc/cohere-api-key, /ytc/pusher-secret)",
          line(run, "secrets"));
      assertTrue(line(run, "cohere").startsWith("cohere         ok"), run::toString);
      assertTrue(line(run, "pusher").startsWith("pusher         ok"), run::toString);
      assertEquals(1, ssm.calls().size());
      assertFalse(run.out().contains(ServiceEmulators.CohereModels.KEY), "no secret value is printed");
    }
  }

  @Test
  void doctor_secretParameterMissing_failsNamingIt_exits1() {
    try (SsmEmulator ssm = new SsmEmulator()) {
      Map<String, String> env = secretsIn(ssm);
      env.put("PUSHER_SECRET_PARAMETER", "/ytc/typo");

      CliRun run = CliRun.run(env, "doctor");

      assertEquals(1, run.status(), run::toString);
      assertTrue(line(run, "secrets").contains("FAILED: SSM parameter(s) [/ytc/typo] do not exist in eu-west-1"),
          run::toString);
    }
  }

  @Test
  void doctor_onlyYoutube_skipsTheServicesThatAreNotConfigured_exits0() {
    CliRun run = CliRun.run(youtube.environment(), "doctor");
    assertEquals(0, run.status(), run::toString);
    for (String service : List.of("database", "cohere", "pusher", "aws")) {
      assertEquals(String.format("%-14s skipped (not configured)", service), line(run, service));
    }
    assertTrue(line(run, "youtube").contains(" ok: "), run::toString);
  }

  @Test
  void doctor_refusedCredentials_reportEachFailure_exits1_withoutPrintingThem() {
    Map<String, String> env = everything();
    env.put("COHERE_API_KEY", "cohere-wrong-key-Pz81Kd");
    env.putAll(pusher.environment("pusher-wrong-secret-Hh52Qe"));

    CliRun run = CliRun.run(env, "doctor");

    assertEquals(1, run.status(), run::toString);
    assertEquals("cohere         FAILED: Cohere refused COHERE_API_KEY (HTTP 401): check the key at dashboard.cohere.com",
        line(run, "cohere"));
    assertTrue(line(run, "pusher").startsWith("pusher         FAILED: Pusher (" + pusher.baseUrl() + ") answered HTTP 401"
        + " to a signed GET /apps/1234567/channels: check PUSHER_KEY and PUSHER_SECRET"), run::toString);
    assertTrue(line(run, "database").contains(" ok: ") && line(run, "aws").contains(" ok: "), run::toString);
    assertFalse(run.all().contains("cohere-wrong-key-Pz81Kd") || run.all().contains("pusher-wrong-secret-Hh52Qe"),
        run::toString);
  }

  @Test
  void doctor_configurationProblems_areListedByVariableName_neverByValue() {
    Map<String, String> env = new HashMap<>(youtube.environment());
    env.put("XATA_DB_URL", "mysql://admin:db-password-Jq44@db.example:3306/chat");
    env.put("PUSHER_APP_ID", "1234567");
    env.put("COHERE_API_KEY", "cohere-fake-key-Lw92Bx");
    env.put("COHERE_CONCURRENCY", "lots");
    env.put("YOUTUBE_PROXY_URL", "socks5://proxy-user:proxy-pass-Zm83@proxy.example:1080");

    CliRun run = CliRun.run(env, "doctor");

    assertEquals(1, run.status(), run::toString);
    List<String> lines = run.out().lines().toList();
    assertEquals("configuration  FAILED: 5 problems", lines.get(0));
    assertEquals(List.of(
        "  - XATA_DB_URL must be postgresql://user@host:port/db, jdbc:postgresql://host:port/db or https://{workspace}.{region}.xata.sh/db/{db}[:{branch}]",
        "  - YOUTUBE_PROXY_URL must look like http://[user:password@]host:port",
        "  - COHERE_CONCURRENCY must be a whole number",
        "  - PUSHER_KEY is not set (needed with the other PUSHER_* credentials; unset all three to turn notifications off)",
        "  - PUSHER_SECRET is not set (needed with the other PUSHER_* credentials; unset all three to turn notifications off)"),
        lines.subList(1, 6));
    for (String service : List.of("database", "youtube", "cohere", "pusher")) {
      assertEquals(String.format("%-14s FAILED: not checked: its configuration has problems (above)", service),
          line(run, service));
    }
    assertEquals("aws            skipped (not configured)", line(run, "aws"));
    for (String secret : List.of("db-password-Jq44", "proxy-pass-Zm83", "cohere-fake-key-Lw92Bx", "lots")) {
      assertFalse(run.all().contains(secret), secret + " printed:\n" + run);
    }
  }

  @Test
  void doctor_databaseWithoutTheSchema_saysToMigrate() {
    try (ScratchDatabase empty = new ScratchDatabase()) {
      Map<String, String> env = new HashMap<>(youtube.environment());
      env.put("XATA_DB_URL", empty.url);
      CliRun run = CliRun.run(env, "doctor");
      assertEquals(1, run.status(), run::toString);
      assertTrue(line(run, "database").matches("database {7}FAILED: connected to jdbc:postgresql://\\S+ as postgres,"
          + " but the schema is missing \\(no table videos, embeddings\\): run 'youtube-chat db migrate'"), run::toString);
    }
  }

  @Test
  void doctor_youtubeServesACaptcha_failsWithTheProxyHint() {
    youtube.captcha(true);
    CliRun run = CliRun.run(youtube.environment(), "doctor");
    assertEquals(1, run.status(), run::toString);
    assertTrue(line(run, "youtube").startsWith("youtube        FAILED: YouTube answered the watch page of jNQXAC9IVRw"
        + " with a captcha: this IP is blocked, and no proxy is configured"), run::toString);
    assertTrue(line(run, "youtube").contains("YOUTUBE_PROXY_URL"), run::toString);
  }

  @Test
  void doctor_unreachableServices_failWithinTheTimeout() {
    Map<String, String> env = new HashMap<>();
    env.put("XATA_DB_URL", "postgresql://postgres@127.0.0.1:9/nowhere");
    env.put("YOUTUBE_BASE_URL", "http://127.0.0.1:9");
    env.put("COHERE_API_KEY", ServiceEmulators.CohereModels.KEY);
    env.put("COHERE_BASE_URL", "http://127.0.0.1:9");
    CliRun run = CliRun.run(env, "doctor", "--timeout", "5");
    assertEquals(1, run.status(), run::toString);
    assertTrue(line(run, "database").startsWith("database       FAILED: Database unavailable: Connecting to"), run::toString);
    assertTrue(line(run, "youtube").startsWith("youtube        FAILED: Could not reach YouTube"), run::toString);
    assertTrue(line(run, "cohere").startsWith("cohere         FAILED: Could not reach Cohere at http://127.0.0.1:9"), run::toString);
  }
}
