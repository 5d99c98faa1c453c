package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.model.VideoRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event demo and run start the execution with: EventBridge's envelope around the row, as in the sample event. */
class InsertEventTest {

  @Test
  void event_hasEventBridgesFieldsInItsOrder_andTheRecordAsDetail() throws IOException {
    JsonNode sample = Json.MAPPER.readTree(Files.readString(Path.of("..", "events", "eventbridge-insert.json")));
    JsonNode event = InsertEvent.of(new VideoRecord("rec_a", "dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ"),
        "123456789012", "us-east-1", Instant.parse("2026-01-15T10:24:31.912Z"));

    assertEquals(names(sample), names(event));
    assertEquals("0", event.path("version").asText());
    assertTrue(event.path("id").asText().matches("[0-9a-f-]{36}"), event.toString());
    assertEquals("insert", event.path("detail-type").asText());
    assertEquals("custom.youtubeChat", event.path("source").asText());
    assertEquals("123456789012", event.path("account").asText());
    assertEquals("2026-01-15T10:24:31Z", event.path("time").asText());
    assertEquals("us-east-1", event.path("region").asText());
    assertEquals(0, event.path("resources").size());
    assertEquals(Json.MAPPER.createObjectNode().put("id", "rec_a").put("youtubeId", "dQw4w9WgXcQ")
        .put("url", "https://youtu.be/dQw4w9WgXcQ"), event.path("detail"));
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
