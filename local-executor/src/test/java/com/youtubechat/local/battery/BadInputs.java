package com.youtubechat.local.battery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The battery's inputs, generated: every hostile string in every string field of every handler's
 * input, plus malformed documents, wrong types, missing, blank and null fields, and the inputs
 * particular to each step (YouTube ids and URLs that are invalid or name another video than the
 * row, {@code failures} that are not a list of failures, SQS batches that are not batches...).
 * Every input is one a handler must refuse (or, for the safety net, drop): a valid input is never
 * generated, so any success is a defect.
 */
final class BadInputs {

  /** The functions whose handlers the battery runs. */
  enum Target { INFO, TRANSCRIPT, EMBEDDING, CHAT_READY, FAILURE, EXECUTION_ENDED }

  /** One input: a unique name (the test's display name), the handler, and the exact bytes Lambda would pass. */
  record BadInput(String name, Target target, byte[] json) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Ready row: transcript, embeddings, chat enabled. Embedding with this id is a valid input. */
  static final String READY_ROW = "rec_batteryready00000000";
  static final String READY_YOUTUBE_ID = "dQw4w9WgXcQ";
  /** Pending row: no transcript yet. Info or Transcript with this id and its YouTube id is valid. */
  static final String PENDING_ROW = "rec_batterypending000000";
  static final String PENDING_YOUTUBE_ID = "9bZkp7rQstI";
  /** A well-formed id with no row. */
  static final String MISSING_ROW = "rec_batterymissing000000";

  private static final int MB = 1 << 20;

  /**
   * Strings hostile to a message, a log line, a database or a web page, by label. Each is used in
   * every string field, so a new one here is tried everywhere.
   */
  static final Map<String, String> HOSTILE = hostile();

  private static Map<String, String> hostile() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("empty", "");
    values.put("spaces", "   ");
    values.put("tab-newline", "\t\n");
    values.put("newline", "rec_1\nSEVERE forged: a second log line");
    values.put("cr", "rec_1\rINFO overwritten");
    values.put("crlf", "rec_1\r\nSEVERE forged");
    values.put("nul", "rec_1\u0000");
    values.put("nul-only", "\u0000");
    values.put("line-separator", "rec_1\u2028forged");
    values.put("paragraph-separator", "rec_1\u2029forged");
    values.put("nel", "rec_1\u0085forged");
    values.put("ansi", "\u001b[31mred\u001b[0m\u001b[2K\u001b]0;title\u0007");
    values.put("bell-backspace-del", "rec\u0007\u0008\u007f");
    values.put("html", "<script>alert(1)</script>");
    values.put("html-attribute", "\"><img src=x onerror=alert(1)>");
    values.put("sql-drop", "'; DROP TABLE videos; --");
    values.put("sql-or", "' OR '1'='1");
    values.put("sql-comment", "rec_1'/*");
    values.put("format-specifiers", "%s%n%x%999999999d");
    values.put("message-format", "{0}{1}'{'");
    values.put("emoji", "rec_\uD83D\uDE00\uD83C\uDFB8");
    values.put("right-to-left-override", "\u202Erec_1");
    values.put("zero-width", "rec\u200B_1\uFEFF");
    values.put("lone-surrogate", "rec_\uD800");
    values.put("escaped-text", "rec\\u0000\\n");
    values.put("path", "../../etc/passwd");
    values.put("percent-nul", "rec%00%0a");
    values.put("32k", "c".repeat(32_768));
    values.put("64k-unicode", "漢".repeat(65_536));
    values.put("1mb", "a".repeat(MB));
    values.put("1mb-newlines", "\n".repeat(MB));
    values.put("1mb-nul", "x\u0000".repeat(MB / 2));
    values.put("1mb-ansi", "\u001b[2J".repeat(MB / 4));
    return values;
  }

  /**
   * Hostile strings that the project's rule for a row id refuses (control characters, line
   * separators, longer than any row id) rather than merely finding no row for. The failure
   * recorder records "no row" and "no id" (a blank one) as outcomes, so only these are bad input there.
   */
  private static final Set<String> NEVER_AN_ID = Set.of("newline", "cr", "crlf", "nul", "nul-only",
      "line-separator", "paragraph-separator", "nel", "ansi", "bell-backspace-del", "32k", "64k-unicode", "1mb",
      "1mb-nul", "1mb-ansi");

  /** Documents that are not the JSON object a handler expects, by label; the same for every handler. */
  static final Map<String, byte[]> MALFORMED = malformed();

  private static Map<String, byte[]> malformed() {
    Map<String, byte[]> values = new LinkedHashMap<>();
    values.put("no-bytes", new byte[0]);
    values.put("whitespace", utf8(" \n\t "));
    values.put("null", utf8("null"));
    values.put("truncated", utf8("{"));
    values.put("truncated-after-name", utf8("{\"id\":"));
    values.put("close-only", utf8("}"));
    values.put("empty-array", utf8("[]"));
    values.put("number", utf8("42"));
    values.put("boolean", utf8("true"));
    values.put("huge-number", utf8("1" + "0".repeat(5_000)));
    values.put("single-quotes", utf8("{'id':'" + READY_ROW + "'}"));
    values.put("trailing-comma", utf8("{\"id\":\"" + READY_ROW + "\",}"));
    values.put("nan", utf8("{\"id\":NaN}"));
    values.put("comment", utf8("/* hi */ {}"));
    values.put("unquoted-name", utf8("{id:1}"));
    values.put("raw-newline-in-string", utf8("{\"id\":\"rec\n1\"}"));
    values.put("raw-nul-in-string", utf8("{\"id\":\"rec\u00001\"}"));
    values.put("bad-escape", utf8("{\"id\":\"\\x41\"}"));
    values.put("invalid-utf8", concat(utf8("{\"id\":\"rec"), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}, utf8("\"}")));
    values.put("deep-nesting", utf8("{\"x\":" + "[".repeat(100_000)));
    values.put("deep-nesting-closed", utf8("{\"x\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}"));
    values.put("1mb-token", utf8("{\"id\":" + "t".repeat(MB) + "}"));
    values.put("1mb-control-token", utf8("{\"id\":" + "\u0001".repeat(MB) + "}"));
    values.put("string-with-newline", utf8("\"rec_1\\nSEVERE forged\""));
    values.put("string-1mb", utf8("\"" + "s".repeat(MB) + "\""));
    return values;
  }

  private BadInputs() {}

  static List<BadInput> all() {
    List<BadInput> inputs = new ArrayList<>();
    for (Target target : Target.values()) {
      MALFORMED.forEach((label, bytes) -> inputs.add(new BadInput(name(target, "malformed " + label), target, bytes)));
    }
    videoRecord(Target.INFO, inputs);
    videoRecord(Target.TRANSCRIPT, inputs);
    embedding(inputs);
    chatReady(inputs);
    failure(inputs);
    executionEnded(inputs);
    Set<String> names = new HashSet<>();
    for (BadInput input : inputs) {
      if (!names.add(input.name())) {
        throw new IllegalStateException("two inputs are named " + input.name());
      }
    }
    return List.copyOf(inputs);
  }

  /** Info and Transcript: {@code {id, youtubeId, url}}, the web app's video record. */
  private static void videoRecord(Target target, List<BadInput> inputs) {
    Case add = (label, json) -> inputs.add(new BadInput(name(target, label), target, json));
    HOSTILE.forEach((label, value) -> {
      add.accept("id=" + label, bytes(object("id", value, "youtubeId", PENDING_YOUTUBE_ID)));
      add.accept("youtubeId=" + label, bytes(object("id", PENDING_ROW, "youtubeId", value)));
      add.accept("url=" + label, bytes(object("id", PENDING_ROW, "url", value)));
    });
    // YouTube ids and URLs that are not YouTube videos, or name another video than the row holds.
    Map<String, String> youtubeIds = new LinkedHashMap<>();
    youtubeIds.put("other-video", "aaaaaaaaaaa");
    youtubeIds.put("ready-rows-video", READY_YOUTUBE_ID);
    youtubeIds.put("10-chars", PENDING_YOUTUBE_ID.substring(1));
    youtubeIds.put("12-chars", PENDING_YOUTUBE_ID + "Q");
    youtubeIds.put("punctuation", PENDING_YOUTUBE_ID.substring(1) + "!");
    youtubeIds.put("nul-suffix", PENDING_YOUTUBE_ID + "\u0000");
    youtubeIds.put("inner-space", PENDING_YOUTUBE_ID.substring(0, 5) + " " + PENDING_YOUTUBE_ID.substring(6));
    youtubeIds.put("fullwidth", "ＡＢＣＤＥＦＧＨＩＪＫ");
    youtubeIds.put("url-in-youtubeId", "https://youtu.be/" + PENDING_YOUTUBE_ID);
    youtubeIds.forEach((label, value) -> add.accept("youtubeId " + label,
        bytes(object("id", PENDING_ROW, "youtubeId", value))));
    Map<String, String> urls = new LinkedHashMap<>();
    urls.put("other-video", "https://www.youtube.com/watch?v=aaaaaaaaaaa");
    urls.put("other-video-short", "https://youtu.be/aaaaaaaaaaa");
    urls.put("other-host", "https://evil.example/watch?v=" + PENDING_YOUTUBE_ID);
    urls.put("lookalike-host", "https://www.youtube.com.evil.example/watch?v=" + PENDING_YOUTUBE_ID);
    urls.put("javascript", "javascript:alert(1)//www.youtube.com/watch?v=" + PENDING_YOUTUBE_ID);
    urls.put("ftp", "ftp://www.youtube.com/watch?v=" + PENDING_YOUTUBE_ID);
    urls.put("playlist", "https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG");
    urls.put("videoseries", "https://www.youtube.com/embed/videoseries");
    urls.put("no-id", "https://youtu.be/");
    urls.put("encoded-nul", "https://www.youtube.com/watch?v=" + PENDING_YOUTUBE_ID + "%00");
    urls.put("encoded-newline", "https://youtu.be/" + PENDING_YOUTUBE_ID + "%0a");
    urls.put("1mb-query", "https://www.youtube.com/watch?v=" + "v".repeat(MB));
    urls.put("unparsable", "https://[::1/watch?v=" + PENDING_YOUTUBE_ID);
    urls.forEach((label, value) -> add.accept("url " + label, bytes(object("id", PENDING_ROW, "url", value))));
    add.accept("youtubeId other-video, url matching", bytes(object("id", PENDING_ROW, "youtubeId", "aaaaaaaaaaa",
        "url", "https://youtu.be/" + PENDING_YOUTUBE_ID)));
    add.accept("no row", bytes(object("id", MISSING_ROW, "youtubeId", PENDING_YOUTUBE_ID)));
    add.accept("id untrimmed", bytes(object("id", " " + PENDING_ROW + " ", "youtubeId", PENDING_YOUTUBE_ID)));
    // Missing, null and wrongly typed fields.
    add.accept("empty object", bytes(object()));
    add.accept("unknown fields only", bytes(object("videoId", PENDING_ROW, "extra", 1)));
    add.accept("id missing", bytes(object("youtubeId", PENDING_YOUTUBE_ID)));
    add.accept("id null", bytes(object("id", null, "youtubeId", PENDING_YOUTUBE_ID)));
    add.accept("youtubeId and url missing", bytes(object("id", PENDING_ROW)));
    add.accept("youtubeId and url null", bytes(object("id", PENDING_ROW, "youtubeId", null, "url", null)));
    wrongTypes(add, "id", value -> object("id", value, "youtubeId", PENDING_YOUTUBE_ID));
    wrongTypes(add, "youtubeId", value -> object("id", PENDING_ROW, "youtubeId", value));
    wrongTypes(add, "url", value -> object("id", PENDING_ROW, "url", value));
    add.accept("array of the record", bytes(array(object("id", PENDING_ROW, "youtubeId", PENDING_YOUTUBE_ID))));
  }

  /** Embedding: {@code {videoId}}, the Transcript step's summary. */
  private static void embedding(List<BadInput> inputs) {
    Case add = (label, json) -> inputs.add(new BadInput(name(Target.EMBEDDING, label), Target.EMBEDDING, json));
    HOSTILE.forEach((label, value) -> add.accept("videoId=" + label, bytes(object("videoId", value, "chunkCount", 3))));
    add.accept("no row", bytes(object("videoId", MISSING_ROW)));
    add.accept("row without transcript", bytes(object("videoId", PENDING_ROW)));
    add.accept("videoId untrimmed", bytes(object("videoId", " " + READY_ROW)));
    add.accept("empty object", bytes(object()));
    add.accept("record instead of summary", bytes(object("id", READY_ROW, "youtubeId", READY_YOUTUBE_ID)));
    add.accept("videoId null", bytes(object("videoId", null)));
    wrongTypes(add, "videoId", value -> object("videoId", value));
    add.accept("array of the summary", bytes(array(object("videoId", READY_ROW))));
  }

  /** ChatReady (and NotifyInfo): {@code {videoId, details?}}. */
  private static void chatReady(List<BadInput> inputs) {
    Case add = (label, json) -> inputs.add(new BadInput(name(Target.CHAT_READY, label), Target.CHAT_READY, json));
    HOSTILE.forEach((label, value) -> {
      add.accept("videoId=" + label, bytes(object("videoId", value)));
      add.accept("details.id=" + label, bytes(object("videoId", PENDING_ROW, "details", object("id", value,
          "title", "t"))));
      if (value.chars().anyMatch(c -> c > ' ')) { // Jackson reads a length of only spaces and controls as none
        add.accept("details.length=" + label, bytes(object("videoId", PENDING_ROW, "details", object("id", PENDING_ROW,
          "length", value))));
      }
    });
    add.accept("no row", bytes(object("videoId", MISSING_ROW)));
    // Bogus ready: a row that is not chat-enabled must never be announced as ready.
    add.accept("ready for a pending row", bytes(object("videoId", PENDING_ROW)));
    add.accept("details for another row", bytes(object("videoId", PENDING_ROW, "details", object("id", READY_ROW))));
    add.accept("details without id", bytes(object("videoId", PENDING_ROW, "details", object("title", "t"))));
    add.accept("details empty", bytes(object("videoId", PENDING_ROW, "details", object())));
    add.accept("details.chatEnabled not boolean", bytes(object("videoId", PENDING_ROW, "details",
        object("id", PENDING_ROW, "chatEnabled", "maybe\n"))));
    add.accept("empty object", bytes(object()));
    add.accept("videoId null", bytes(object("videoId", null)));
    wrongTypes(add, "videoId", value -> object("videoId", value));
    wrongTypes(add, "details", value -> object("videoId", PENDING_ROW, "details", value));
  }

  /** The failure recorder: {@code {videoId, failures: [{step, error, cause}]}}. */
  private static void failure(List<BadInput> inputs) {
    Case add = (label, json) -> inputs.add(new BadInput(name(Target.FAILURE, label), Target.FAILURE, json));
    ObjectNode failure = object("step", "Info", "error", "com.youtubechat.shared.error.InvalidInputException",
        "cause", "{\"errorMessage\":\"bad\"}");
    ObjectNode hugeCause = object("step", "Transcript", "error", "States.TaskFailed", "cause", "z".repeat(MB));
    // Not a list of failures; each with the pending row, so a recorder that accepted it would write.
    Map<String, Object> failures = new LinkedHashMap<>();
    failures.put("[null]", array((Object) null));
    failures.put("[null, failure]", array(null, failure));
    failures.put("[failure, null]", array(failure, null));
    failures.put("[1mb cause, null]", array(hugeCause, null));
    failures.put("[1mb newline cause, null]", array(object("step", "Info", "error", "E", "cause",
        "\n".repeat(MB)), null));
    failures.put("string", "Info failed");
    failures.put("number", 5);
    failures.put("boolean", true);
    failures.put("object", failure);
    failures.put("[number]", array(5));
    failures.put("[string]", array("Info failed"));
    failures.put("[array]", array(array()));
    failures.put("[boolean]", array(false));
    failures.put("[step object]", array(object("step", object(), "error", "E", "cause", "c")));
    failures.put("[error array]", array(object("step", "Info", "error", array("E"), "cause", "c")));
    failures.put("[cause object]", array(object("step", "Info", "error", "E", "cause", object("errorMessage", "m"))));
    failures.put("[cause array]", array(object("step", "Info", "error", "E", "cause", array("\n"))));
    failures.forEach((label, value) -> add.accept("failures=" + label, bytes(object("videoId", PENDING_ROW,
        "failures", value))));
    HOSTILE.forEach((label, value) -> {
      if (NEVER_AN_ID.contains(label)) {
        add.accept("videoId=" + label, bytes(object("videoId", value, "failures", array(failure))));
        add.accept("videoId=" + label + ", 1mb cause", bytes(object("videoId", value, "failures", array(hugeCause))));
      }
      add.accept("failures=[null], videoId=" + label, bytes(object("videoId", value, "failures", array((Object) null))));
    });
    add.accept("videoId object", bytes(object("videoId", object("id", PENDING_ROW), "failures", array(failure))));
    add.accept("videoId array", bytes(object("videoId", array(PENDING_ROW), "failures", array(failure))));
    add.accept("array of the report", bytes(array(object("videoId", PENDING_ROW, "failures", array(failure)))));
  }

  /** The safety net: an SQS batch of EventBridge "Execution Status Change" events. */
  private static void executionEnded(List<BadInput> inputs) {
    Case add = (label, json) -> inputs.add(new BadInput(name(Target.EXECUTION_ENDED, label), Target.EXECUTION_ENDED,
        json));
    // Not an SQS batch: the whole batch is refused.
    Map<String, Object> records = new LinkedHashMap<>();
    records.put("string", "x");
    records.put("number", 5);
    records.put("object", object("body", "{}"));
    records.put("[null]", array((Object) null));
    records.put("[number]", array(5));
    records.put("[string]", array("body"));
    records.put("[body object]", array(object("messageId", "m1", "body", object("detail", object()))));
    records.put("[body array]", array(object("messageId", "m1", "body", array())));
    records.put("[messageId object]", array(object("messageId", object(), "body", "{}")));
    records.forEach((label, value) -> add.accept("Records=" + label, bytes(object("Records", value))));
    // Messages that cannot be recorded: each is dropped, none retried.
    HOSTILE.forEach((label, value) -> {
      add.accept("body=" + label, bytes(batch("m1", value)));
      add.accept("detail.input.detail.id=" + label, bytes(batch("m1", statusChange("exec-1", "FAILED",
          insertEvent(value)))));
      add.accept("detail.name=" + label + ", no id", bytes(batch("m1", statusChange(value, "ABORTED", "{}"))));
      add.accept("messageId=" + label + ", body not json", bytes(batch(value, "not json")));
    });
    add.accept("detail.status missing", bytes(batch("m1", object("detail", object("name", "e",
        "input", insertEvent(PENDING_ROW))).toString())));
    add.accept("detail.status null", bytes(batch("m1", object("detail", object("status", null,
        "input", insertEvent(PENDING_ROW))).toString())));
    add.accept("detail not an object", bytes(batch("m1", object("detail", "FAILED").toString())));
    add.accept("detail.input not json", bytes(batch("m1", statusChange("exec-1", "FAILED", "{\"detail\":"))));
    add.accept("detail.input.detail.id object", bytes(batch("m1", statusChange("exec-1", "FAILED",
        object("detail", object("id", object("id", PENDING_ROW))).toString()))));
    add.accept("detail.input.detail.id no row", bytes(batch("m1", statusChange("exec-1", "FAILED",
        insertEvent(MISSING_ROW)))));
  }

  private static String insertEvent(String videoId) {
    return object("source", "custom.youtubeChat", "detail-type", "insert", "detail", object("id", videoId,
        "youtubeId", PENDING_YOUTUBE_ID)).toString();
  }

  private static String statusChange(String name, String status, String input) {
    return object("source", "aws.states", "detail-type", "Step Functions Execution Status Change",
        "detail", object("name", name, "status", status, "input", input, "error", "States.Timeout",
            "cause", "timed out")).toString();
  }

  private static ObjectNode batch(String messageId, Object body) {
    return object("Records", array(object("messageId", messageId, "body", body, "eventSource", "aws:sqs")));
  }

  /** The same field as every JSON type but a string, and as a string where no string is valid. */
  private static void wrongTypes(Case add, String field, Function<Object, ObjectNode> document) {
    add.accept(field + " number", bytes(document.apply(42)));
    add.accept(field + " boolean", bytes(document.apply(false)));
    add.accept(field + " object", bytes(document.apply(object("$ne", null))));
    add.accept(field + " array", bytes(document.apply(array(PENDING_ROW))));
    add.accept(field + " empty array", bytes(document.apply(array())));
    add.accept(field + " float", bytes(document.apply(1.5e308)));
  }

  @FunctionalInterface
  private interface Case {
    void accept(String label, byte[] json);
  }

  private static String name(Target target, String label) {
    String handler = switch (target) {
      case INFO -> "Info";
      case TRANSCRIPT -> "Transcript";
      case EMBEDDING -> "Embedding";
      case CHAT_READY -> "ChatReady";
      case FAILURE -> "Failure";
      case EXECUTION_ENDED -> "ExecutionEnded";
    };
    return handler + " " + label;
  }

  // --- building JSON -------------------------------------------------------------------------

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** For strings that UTF-8 cannot carry (a lone surrogate): sent as \\u escapes, as a client could. */
  private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  static ObjectNode object(Object... namesAndValues) {
    ObjectNode node = MAPPER.createObjectNode();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      node.set((String) namesAndValues[i], MAPPER.valueToTree(namesAndValues[i + 1]));
    }
    return node;
  }

  static ArrayNode array(Object... values) {
    ArrayNode node = MAPPER.createArrayNode();
    for (Object value : values) {
      node.add(MAPPER.<JsonNode>valueToTree(value));
    }
    return node;
  }

  static byte[] bytes(Object document) {
    try {
      String text = MAPPER.writeValueAsString(document);
      boolean encodable = StandardCharsets.UTF_8.newEncoder().canEncode(text);
      return encodable ? text.getBytes(StandardCharsets.UTF_8) : ESCAPING.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
