package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Distinctive fake secrets in every secret-bearing variable; commands that succeed, fail, fail with
 * --verbose (stack traces) and talk to a server that echoes a key back; none of the values may
 * appear in anything the CLI prints.
 */
class SecretsNeverPrintedTest {

  private static final Map<String, String> SECRETS = Map.of(
      "XATA_API_KEY", "xata-secret-Q7mW2pLk",
      "COHERE_API_KEY", "forbidden-cohere-secret-V3nB8x",
      "PUSHER_SECRET", "pusher-secret-Rr61TzJ",
      "AWS_SECRET_ACCESS_KEY", "aws-secret-Ke55Yu8Hn",
      "AWS_SESSION_TOKEN", "aws-session-token-Gg40Lq",
      "GOOGLE_API_KEY", "google-secret-Mx19Da");
  private static final String DB_PASSWORD = "db-url-password-Wp27Cs";
  private static final String PROXY_PASSWORD = "proxy-password-Nf83Ej";

  @Test
  void noCommandPrintsAnySecret() throws Exception {
    try (var cohere = new ServiceEmulators.CohereModels();
         var pusher = new ServiceEmulators.PusherChannels()) {
      Map<String, String> env = new HashMap<>(SECRETS);
      env.put("XATA_DB_URL", "postgresql://ws:" + DB_PASSWORD + "@127.0.0.1:9/db?sslmode=disable");
      env.put("YOUTUBE_PROXY_URL", "http://proxy-user:" + PROXY_PASSWORD + "@127.0.0.1:9");
      env.put("YOUTUBE_BASE_URL", "http://127.0.0.1:9");
      env.put("COHERE_BASE_URL", cohere.baseUrl());
      env.put("PUSHER_APP_ID", ServiceEmulators.PusherChannels.APP_ID);
      env.put("PUSHER_KEY", ServiceEmulators.PusherChannels.KEY);
      env.put("PUSHER_BASE_URL", pusher.baseUrl());
      env.put("AWS_ACCESS_KEY_ID", "AKIASECRETTEST000000");
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");

      List<CliRun> runs = new ArrayList<>();
      CliRun doctor = CliRun.run(env, "doctor", "--timeout", "5", "--verbose");
      runs.add(doctor);
      runs.add(CliRun.run(env, "publish", "dQw4w9WgXcQ", "--verbose"));
      runs.add(CliRun.run(env, "db", "migrate", "-v"));
      runs.add(CliRun.run(env, "status", "dQw4w9WgXcQ", "--state-machine-arn",
          "arn:aws:states:us-east-1:123456789012:stateMachine:sm", "--verbose"));
      runs.add(CliRun.run(env, "status", "arn:aws:states:us-east-1:123456789012:execution:sm:x"));
      runs.add(CliRun.run(env, "--help"));
      runs.add(CliRun.run(env, "run", "dQw4w9WgXcQ", "--verbose")); // the database is unreachable: fails at once
      runs.add(CliRun.run(env, "demo", "--verbose")); // XATA_DB_URL given: no local server, same failure

      for (CliRun run : runs) {
        for (String secret : allSecrets()) {
          assertFalse(run.all().contains(secret), secret + " was printed:\n" + run);
        }
      }
      // The Cohere server echoed the key back; the line is there, with the key masked.
      String cohereLine = doctor.out().lines().filter(l -> l.startsWith("cohere ")).findFirst().orElseThrow();
      assertTrue(cohereLine.contains("HTTP 403") && cohereLine.contains("token " + Redactor.MASK + " may not list models"),
          cohereLine);
      assertEquals(1, runs.get(1).status(), runs.get(1)::toString);
      assertTrue(runs.get(1).err().contains("\tat "), "--verbose printed a stack trace, and it is masked too");
      for (CliRun local : runs.subList(runs.size() - 2, runs.size())) {
        assertEquals(1, local.status(), local::toString);
        assertTrue(local.err().startsWith("error: Database unavailable: Connecting to jdbc:postgresql://127.0.0.1:9/db"),
            local::toString);
      }
    }
  }

  private static List<String> allSecrets() {
    List<String> secrets = new ArrayList<>(SECRETS.values());
    secrets.add(DB_PASSWORD);
    secrets.add(PROXY_PASSWORD);
    return secrets;
  }
}
