package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.xata.XataConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code publish} against a real PostgreSQL and a moto EventBridge whose rule (the stack's pattern:
 * source custom.youtubeChat, detail-type insert) delivers to an SQS queue, where the test reads the
 * event that arrived.
 */
class PublishCommandTest {

  private static final String XATA_API_KEY = "xata-fake-key-Hq93Lm0P";

  private MotoServer moto;
  private Aws aws;
  private XataConnection database;
  private Map<String, String> env;
  private String queueUrl;

  @BeforeEach
  void setUp() {
    database = TestDatabase.fresh();
    moto = MotoServer.get();
    moto.reset();
    aws = new Aws(moto);
    queueUrl = aws.sqs.createQueue(request -> request.queueName("published-events")).queueUrl();
    String queueArn = aws.sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
        .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
    var events = aws.clients.eventBridge();
    events.putRule(request -> request.name("youtube-chat-insert").eventBusName("default")
        .eventPattern("{\"source\": [\"custom.youtubeChat\"], \"detail-type\": [\"insert\"]}"));
    events.putTargets(request -> request.rule("youtube-chat-insert").eventBusName("default")
        .targets(Target.builder().id("queue").arn(queueArn).build()));
    env = new HashMap<>(moto.environment());
    env.put("XATA_DB_URL", TestDatabase.url());
    env.put("XATA_API_KEY", XATA_API_KEY); // the test server trusts every login; the key must still stay secret
  }

  @AfterEach
  void tearDown() {
    // null when set-up was skipped (no test database or no moto_server)
    if (aws != null) {
      aws.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void publish_newVideo_insertsTheRowAndPutsTheInsertEvent() {
    String url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s";
    CliRun run = CliRun.run(env, "publish", url);

    assertEquals(0, run.status(), run::toString);
    String eventId = run.out().strip();
    assertTrue(eventId.matches("[0-9a-f-]{36}"), run::toString);
    assertEquals(1, run.out().lines().count(), "stdout is the event id alone");

    Map<String, Object> row = onlyRow();
    String id = (String) row.get("id");
    assertTrue(RecordIds.SHAPE.matcher(id).matches(), id);
    assertEquals("dQw4w9WgXcQ", row.get("youtube_id"));
    assertEquals(url, row.get("url"));
    assertEquals("pending", row.get("status"));
    assertEquals(List.of("Inserted videos row " + id + " for YouTube video dQw4w9WgXcQ"), run.errLines());

    JsonNode event = onlyEvent();
    assertEquals(eventId, event.path("id").asText());
    assertEquals("custom.youtubeChat", event.path("source").asText());
    assertEquals("insert", event.path("detail-type").asText());
    assertEquals(Json.MAPPER.createObjectNode().put("id", id).put("youtubeId", "dQw4w9WgXcQ").put("url", url),
        event.path("detail"));
    assertFalse(run.all().contains(XATA_API_KEY) || run.all().contains(MotoServer.SECRET_ACCESS_KEY));
  }

  @Test
  void publish_bareId_storesTheCanonicalWatchUrl() {
    CliRun run = CliRun.run(env, "publish", "dQw4w9WgXcQ");
    assertEquals(0, run.status(), run::toString);
    assertEquals("https://www.youtube.com/watch?v=dQw4w9WgXcQ", onlyRow().get("url"));
    assertEquals("https://www.youtube.com/watch?v=dQw4w9WgXcQ", onlyEvent().path("detail").path("url").asText());
  }

  @Test
  void publish_sameVideoAgain_reusesItsRowAndPutsASecondEvent() {
    CliRun first = CliRun.run(env, "publish", "dQw4w9WgXcQ");
    CliRun second = CliRun.run(env, "publish", "https://youtu.be/dQw4w9WgXcQ");
    assertEquals(0, first.status(), first::toString);
    assertEquals(0, second.status(), second::toString);

    String id = (String) onlyRow().get("id");
    assertEquals(List.of("Reusing videos row " + id + " for YouTube video dQw4w9WgXcQ"), second.errLines());
    List<JsonNode> events = events(2);
    assertEquals(Set.of(first.out().strip(), second.out().strip()),
        events.stream().map(e -> e.path("id").asText()).collect(Collectors.toSet()));
    for (JsonNode event : events) {
      assertEquals(id, event.path("detail").path("id").asText());
      // the stored row's url, not the second form
      assertEquals("https://www.youtube.com/watch?v=dQw4w9WgXcQ", event.path("detail").path("url").asText());
    }
  }

  @Test
  void publish_rowTheWebAppInserted_isReused() {
    TestDatabase.insertVideo(database, "rec_webapp00000000000000", "dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ");
    CliRun run = CliRun.run(env, "publish", "https://www.youtube.com/shorts/dQw4w9WgXcQ");
    assertEquals(0, run.status(), run::toString);
    assertEquals(1, TestDatabase.count(database, "videos"));
    JsonNode detail = onlyEvent().path("detail");
    assertEquals("rec_webapp00000000000000", detail.path("id").asText());
    assertEquals("https://youtu.be/dQw4w9WgXcQ", detail.path("url").asText());
  }

  @Test
  void publish_concurrentlyForOneVideo_insertsOneRow() {
    List<CompletableFuture<CliRun>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(CompletableFuture.supplyAsync(() -> CliRun.run(env, "publish", "dQw4w9WgXcQ")));
    }
    runs.forEach(run -> assertEquals(0, run.join().status(), () -> run.join().toString()));
    String id = (String) onlyRow().get("id");
    events(4).forEach(event -> assertEquals(id, event.path("detail").path("id").asText()));
  }

  @Test
  void publish_eventBusThatDoesNotExist_failsWithOneLine_andLeavesTheRowForARetry() {
    CliRun run = CliRun.run(env, "publish", "dQw4w9WgXcQ", "--event-bus", "no-such-bus");
    assertEquals(1, run.status(), run::toString);
    List<String> lines = run.errLines();
    assertTrue(lines.get(0).startsWith("Inserted videos row "), run::toString);
    assertEquals(2, lines.size(), run::toString);
    assertTrue(lines.get(1).startsWith("error: "), run::toString);
    assertTrue(lines.get(1).contains("no-such-bus"), run::toString);
    assertEquals("", run.out());
    assertEquals(1, TestDatabase.count(database, "videos"));
  }

  @Test
  void publish_databaseUnreachable_failsBeforePuttingAnEvent() {
    env.put("XATA_DB_URL", "postgresql://postgres@127.0.0.1:9/nowhere");
    CliRun run = CliRun.run(env, "publish", "dQw4w9WgXcQ");
    assertEquals(1, run.status(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().startsWith("error: Database unavailable: Connecting to jdbc:postgresql://127.0.0.1:9/nowhere"),
        run::toString);
    assertTrue(receive().isEmpty(), "no event for a video that has no row");
  }

  private Map<String, Object> onlyRow() {
    assertEquals(1, TestDatabase.count(database, "videos"));
    String id = database.run("reading the id", connection -> {
      try (var rs = connection.createStatement().executeQuery("SELECT id FROM videos")) {
        rs.next();
        return rs.getString(1);
      }
    });
    return TestDatabase.video(database, id).orElseThrow();
  }

  private JsonNode onlyEvent() {
    return events(1).get(0);
  }

  private List<JsonNode> events(int expected) {
    List<JsonNode> events = new ArrayList<>();
    for (int attempt = 0; attempt < 10 && events.size() < expected; attempt++) {
      events.addAll(receive());
    }
    assertEquals(expected, events.size(), "events delivered to the rule's queue: " + events);
    assertTrue(receive().isEmpty(), "no further events");
    return events;
  }

  private List<JsonNode> receive() {
    List<Message> messages = aws.sqs.receiveMessage(request -> request.queueUrl(queueUrl)
        .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
    List<JsonNode> parsed = new ArrayList<>();
    for (Message message : messages) {
      try {
        parsed.add(Json.MAPPER.readTree(message.body()));
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + message.body(), e);
      }
      aws.sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    }
    return parsed;
  }
}
