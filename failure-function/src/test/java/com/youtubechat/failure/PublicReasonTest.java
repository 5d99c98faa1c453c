package com.youtubechat.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.youtubechat.emulators.PusherEmulator;
import com.youtubechat.shared.error.NoTranscriptException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.error.YoutubeChatException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.testing.TestContext;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.xata.XataConnection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the public channel says when a video fails: every error the project can report, and Step
 * Functions' own, with causes full of internal detail, reach the web app as a known code and the
 * project's sentence for it, and nothing of the cause.
 */
class PublicReasonTest {

  private static final String ERROR_PACKAGE = "com.youtubechat.shared.error";
  private static final String DB_HOST = "db-internal.corp.example.net";
  private static final String DB_USER = "ytc_admin";
  private static final String API_KEY = "xau_9fK2mQ7vLx81ZpRtYc4s";
  private static final String MARKUP = "<img src=x onerror=alert(document.cookie)>";
  /** Step Functions' and Lambda's own names the state machine can catch, and one nobody knows. */
  private static final List<String> AWS_ERRORS = List.of("States.Timeout", "States.HeartbeatTimeout",
      "States.TaskFailed", "States.DataLimitExceeded", "States.Runtime", "States.QueryEvaluationError",
      "Sandbox.Timedout", "Lambda.Unknown", "Lambda.TooManyRequestsException", "Lambda.ServiceException",
      "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.ClientExecutionTimeoutException",
      "Lambda.ResourceNotFoundException", "java.lang.IllegalStateException", "Made.Up.NeverSeenError");

  private final PusherEmulator pusher = new PusherEmulator();
  private XataConnection database;

  @BeforeEach
  void setUp() {
    database = TestDatabase.fresh();
  }

  @AfterEach
  void tearDown() {
    pusher.close();
    if (database != null) {
      database.close();
    }
  }

  /** A Lambda error JSON whose message holds what must never reach a public channel. */
  private static String causeFullOfInternalDetail(String errorName) {
    String message = "Connecting to jdbc:postgresql://" + DB_HOST + ":5432/youtube_chat?user=" + DB_USER
        + "&password=" + API_KEY + " failed for user \"" + DB_USER + "\"; COHERE_API_KEY " + API_KEY
        + " was refused; the input was " + MARKUP + "\nforged: log line";
    return Json.write(Map.of("errorMessage", message, "errorType", errorName,
        "stackTrace", List.of("com.youtubechat.internal.Secret.run(Secret.java:42)")));
  }

  /** Every concrete class of the error package that is a {@link YoutubeChatException}, found on the class path. */
  static List<String> projectErrors() throws Exception {
    Path location = Path.of(YoutubeChatException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String folder = ERROR_PACKAGE.replace('.', '/') + "/";
    List<String> classFiles = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.list(location.resolve(folder))) {
        files.map(file -> folder + file.getFileName()).forEach(classFiles::add);
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        jar.stream().map(entry -> entry.getName()).filter(name -> name.startsWith(folder)
            && name.indexOf('/', folder.length()) < 0).forEach(classFiles::add);
      }
    }
    List<String> errors = new ArrayList<>();
    for (String file : classFiles) {
      if (!file.endsWith(".class") || file.contains("$")) {
        continue;
      }
      Class<?> type = Class.forName(file.substring(0, file.length() - ".class".length()).replace('/', '.'));
      if (YoutubeChatException.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
        errors.add(type.getName());
      }
    }
    return errors;
  }

  private JsonNode invoke(FailureHandler handler, String json) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, new TestContext());
    return Json.MAPPER.readTree(out.toByteArray());
  }

  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(pusher.environment());
    env.put("XATA_DB_URL", TestDatabase.url());
    return env;
  }

  /** The event must be exactly {id, status: failed, reason, error} with a listed code and its own sentence. */
  private static void assertPublicFailure(String videoId, PusherEmulator.Event event, String what) throws IOException {
    for (String secret : List.of(DB_HOST, DB_USER, "5432", "jdbc:", API_KEY, "xau_", "<img", "onerror", "alert",
        "forged", "Secret.java", "stackTrace", "Exception")) {
      assertFalse(event.rawData().contains(secret), what + ": the public event holds '" + secret + "': " + event.rawData());
    }
    JsonNode data = event.data();
    PublicReason reason = Arrays.stream(PublicReason.values())
        .filter(candidate -> candidate.code().equals(data.path("reason").asText())).findFirst()
        .orElseThrow(() -> new AssertionError(what + ": not a listed reason code: " + event.rawData()));
    ObjectNode expected = Json.MAPPER.createObjectNode().put("id", videoId).put("status", "failed")
        .put("reason", reason.code()).put("error", reason.message());
    assertEquals(expected, data, what);
  }

  @Test
  void errorPackageScan_findsTheProjectsErrors() throws Exception {
    List<String> errors = projectErrors();

    // The scan itself must work, or the test below would pass on an empty list.
    assertTrue(errors.contains(TransientException.class.getName()) && errors.contains(NoTranscriptException.class.getName())
        && errors.size() >= 20, errors.toString());
  }

  @Test
  void everyProjectError_isMappedToACodeByName() throws Exception {
    Set<String> unmapped = new TreeSet<>(projectErrors());
    unmapped.removeAll(PublicReason.mappedErrors());

    assertEquals(Set.of(), unmapped, "errors without a public reason code: add each to PublicReason");
  }

  @Test
  void everyErrorWithInternalDetailInItsCause_reachesTheWebAppAsACodeAndTheProjectsSentenceOnly() throws Exception {
    List<String> errorNames = new ArrayList<>(projectErrors());
    errorNames.addAll(AWS_ERRORS);
    FailureHandler handler = new FailureHandler(environment());

    for (int i = 0; i < errorNames.size(); i++) {
      String videoId = "rec_public_" + i;
      TestDatabase.insertVideo(database, videoId, "dQw4w9WgXcQ", null);
      String report = Json.write(Map.of("videoId", videoId, "failures", List.of(Map.of("step", "Transcript",
          "error", errorNames.get(i), "cause", causeFullOfInternalDetail(errorNames.get(i))))));

      JsonNode output = invoke(handler, report);

      assertTrue(output.path("recorded").asBoolean(), errorNames.get(i) + ": " + output);
      assertEquals(i + 1, pusher.events().size(), errorNames.get(i) + ": " + pusher.rejections());
      assertPublicFailure(videoId, pusher.events().get(i), errorNames.get(i));
      // The operator's readable reason is still whole in the row.
      String stored = String.valueOf(TestDatabase.video(database, videoId).orElseThrow().get("error"));
      assertTrue(stored.contains(DB_HOST) && stored.contains(MARKUP), stored);
    }
    Map<String, String> codes = new HashMap<>();
    for (int i = 0; i < errorNames.size(); i++) {
      codes.put(errorNames.get(i), pusher.events().get(i).data().path("reason").asText());
    }
    assertEquals("captions_disabled", codes.get(ERROR_PACKAGE + ".TranscriptsDisabledException"));
    assertEquals("video_unavailable", codes.get(ERROR_PACKAGE + ".VideoUnavailableException"));
    assertEquals("configuration_error", codes.get(ERROR_PACKAGE + ".CohereAuthenticationException"));
    assertEquals("timed_out", codes.get("States.Timeout"));
    assertEquals("timed_out", codes.get("Sandbox.Timedout"));
    assertEquals("rate_limited", codes.get("Lambda.TooManyRequestsException"));
    assertEquals("internal_error", codes.get("Made.Up.NeverSeenError"));
    assertEquals("internal_error", codes.get("Lambda.Unknown"));
  }

  @Test
  void safetyNet_sendsTheSamePublicFormForEveryEndAndError() throws Exception {
    List<String> errorNames = new ArrayList<>(projectErrors());
    errorNames.addAll(AWS_ERRORS);
    List<String[]> ends = new ArrayList<>(); // status, error
    errorNames.forEach(error -> ends.add(new String[] {"FAILED", error}));
    ends.add(new String[] {"TIMED_OUT", null});
    ends.add(new String[] {"ABORTED", null});
    ObjectNode batch = Json.MAPPER.createObjectNode();
    var records = batch.putArray("Records");
    for (int i = 0; i < ends.size(); i++) {
      String videoId = "rec_ended_" + i;
      TestDatabase.insertVideo(database, videoId, "dQw4w9WgXcQ", null);
      ObjectNode insert = Json.MAPPER.createObjectNode();
      insert.putObject("detail").put("id", videoId);
      ObjectNode event = Json.MAPPER.createObjectNode();
      event.putObject("detail").put("name", "exec-" + i).put("status", ends.get(i)[0]).put("input", insert.toString())
          .put("error", ends.get(i)[1]).put("cause", ends.get(i)[1] == null ? null : causeFullOfInternalDetail(ends.get(i)[1]));
      records.addObject().put("messageId", "m" + i).put("body", event.toString());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    new ExecutionEndedHandler(environment()).handleRequest(new ByteArrayInputStream(batch.toString()
        .getBytes(StandardCharsets.UTF_8)), out, new TestContext());

    assertEquals("{\"batchItemFailures\":[]}", out.toString(StandardCharsets.UTF_8));
    Map<String, PusherEmulator.Event> byId = pusher.events().stream()
        .collect(Collectors.toMap(event -> event.data().path("id").asText(), event -> event));
    assertEquals(ends.size(), byId.size(), pusher.rejections().toString());
    for (int i = 0; i < ends.size(); i++) {
      assertPublicFailure("rec_ended_" + i, byId.get("rec_ended_" + i), String.join(" ", Arrays.asList(ends.get(i))));
    }
    assertEquals("timed_out", byId.get("rec_ended_" + (ends.size() - 2)).data().path("reason").asText());
    assertEquals("aborted", byId.get("rec_ended_" + (ends.size() - 1)).data().path("reason").asText());
  }

  @Test
  void bothBranchesFailed_theCodeSaysWhatIsWrongWithTheVideo() throws Exception {
    TestDatabase.insertVideo(database, "rec_two", "dQw4w9WgXcQ", null);
    String report = Json.write(Map.of("videoId", "rec_two", "failures", List.of(
        Map.of("step", "Info", "error", TransientException.class.getName(), "cause", "busy"),
        Map.of("step", "Transcript", "error", ERROR_PACKAGE + ".TranscriptsDisabledException", "cause", "off"))));

    invoke(new FailureHandler(environment()), report);

    assertEquals("captions_disabled", pusher.events().get(0).data().path("reason").asText());
  }

  @Test
  void codes_areDistinctLowerSnakeCaseAndSentencesNameNoError() {
    Set<String> codes = new TreeSet<>();
    for (PublicReason reason : PublicReason.values()) {
      assertTrue(reason.code().matches("[a-z]+(_[a-z]+)*"), reason.code());
      assertTrue(codes.add(reason.code()), "twice: " + reason.code());
      assertTrue(reason.message().endsWith(".") && !reason.message().contains("Exception"), reason.message());
    }
  }
}
