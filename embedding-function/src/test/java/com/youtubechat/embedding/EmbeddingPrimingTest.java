package com.youtubechat.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.emulators.CohereEmulator;
import com.youtubechat.shared.testing.Connections;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.xata.XataConnection;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs the Embedding code paths without a request, a write, or a connection. */
class EmbeddingPrimingTest {

  @Test
  void priming_sendsNothingWritesNothingAndLeavesNoConnection() {
    try (CohereEmulator cohere = new CohereEmulator();
         XataConnection database = TestDatabase.fresh()) {
      Map<String, String> env = new HashMap<>(cohere.environment());
      env.put("XATA_DB_URL", TestDatabase.url());
      EmbeddingService service = EmbeddingService.fromEnvironment(new ConfigReader(env));

      var start = Connections.now(database);
      service.prime();
      service.reset();

      assertEquals(0, cohere.calls().size());
      assertEquals(0, TestDatabase.count(database, "embeddings"));
      assertEquals(0, Connections.openedSince(database, start));
    }
  }
}
