package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {

  private final Redactor redactor = Redactor.forEnvironment(Map.of(
      "COHERE_API_KEY", "co-secret-123456",
      "PUSHER_SECRET", "pusher-secret-abc",
      "XATA_DB_URL", "postgresql://ws:db%2Fpass%21@eu.sql.xata.sh:5432/db?sslmode=require&password=q-pass-9",
      "YOUTUBE_PROXY_URL", "http://user:proxy-pass-77@proxy.example:8080",
      "AWS_REGION", "us-east-1",
      "SHORT_TOKEN", "abc"));

  @Test
  void redact_masksSecretVariablesAndUrlPasswords() {
    assertEquals("key **** and ****", redactor.redact("key co-secret-123456 and pusher-secret-abc"));
    assertEquals("url ****, decoded ****, query ****, proxy ****",
        redactor.redact("url db%2Fpass%21, decoded db/pass!, query q-pass-9, proxy proxy-pass-77"));
  }

  @Test
  void redact_leavesOrdinaryValuesAndVeryShortOnesAlone() {
    assertEquals("region us-east-1, abc", redactor.redact("region us-east-1, abc"));
  }

  @Test
  void writer_redactsAcrossWritesOfOneLine() throws IOException {
    StringWriter sink = new StringWriter();
    try (RedactingWriter writer = new RedactingWriter(sink, redactor)) {
      writer.write("a co-secret");
      writer.write("-123456 b\nsecond pusher-secret-abc");
    }
    assertEquals("a **** b\nsecond ****", sink.toString());
  }
}
