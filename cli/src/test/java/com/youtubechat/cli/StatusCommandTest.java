package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * {@code status} against moto's Step Functions. moto records executions without running them
 * (they stay RUNNING until stopped, then ABORTED), except in its executing mode, used here for the
 * one FAILED execution a test needs.
 */
class StatusCommandTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/youtube-chat-test";
  private static final String VIDEO = "dQw4w9WgXcQ";
  private static final String OTHER_VIDEO = "jNQXAC9IVRw";

  private MotoServer moto;
  private Aws aws;
  private SfnClient sfn;
  private Map<String, String> env;
  private String stateMachine;

  @BeforeEach
  void setUp() {
    moto = MotoServer.get();
    moto.reset();
    aws = new Aws(moto);
    sfn = aws.clients.sfn();
    env = new HashMap<>(moto.environment());
    stateMachine = createStateMachine("YoutubeChatStateMachine-Test",
        "{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}");
  }

  @AfterEach
  void tearDown() {
    if (aws != null) { // null when set-up was skipped (no moto_server)
      aws.close();
    }
  }

  @Test
  void status_video_listsItsExecutionsOnly_newestFirst() throws InterruptedException {
    String byId = start("first", event("rec_aaaaaaaaaaaaaaaaaaaa", VIDEO, null));
    Thread.sleep(50); // start dates have millisecond precision: keep the order unambiguous
    String byUrlOnly = start("second", event("rec_aaaaaaaaaaaaaaaaaaaa", null, "https://youtu.be/" + VIDEO));
    String other = start("other", event("rec_bbbbbbbbbbbbbbbbbbbb", OTHER_VIDEO, null));
    sfn.stopExecution(request -> request.executionArn(byId));

    CliRun run = CliRun.run(env, "status", "https://www.youtube.com/watch?v=" + VIDEO, "--state-machine-arn", stateMachine);

    assertEquals(0, run.status(), run::toString);
    List<String> lines = run.out().lines().toList();
    assertEquals("State machine " + stateMachine + " (from --state-machine-arn)", lines.get(0));
    assertEquals("2 executions for YouTube video " + VIDEO + ":", lines.get(1));
    assertEquals(ExecutionReport.HEADER, lines.get(2));
    assertTrue(lines.get(3).matches("RUNNING +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +[0-9.]+ (ms|s) so far +"
        + java.util.regex.Pattern.quote(byUrlOnly)), lines.get(3));
    assertTrue(lines.get(4).matches("ABORTED +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +[0-9.]+ (ms|s) +"
        + java.util.regex.Pattern.quote(byId)), lines.get(4));
    assertEquals(5, lines.size(), run::toString);
    assertFalse(run.out().contains(other));
    assertEquals("", run.err());
  }

  @Test
  void status_recordId_matchesTheDetailId() {
    String mine = start("mine", event("rec_aaaaaaaaaaaaaaaaaaaa", VIDEO, null));
    start("theirs", event("rec_bbbbbbbbbbbbbbbbbbbb", VIDEO, null));
    CliRun run = CliRun.run(env, "status", "rec_aaaaaaaaaaaaaaaaaaaa", "--state-machine-arn", stateMachine);
    assertEquals(0, run.status(), run::toString);
    assertTrue(run.out().contains("1 execution for video row rec_aaaaaaaaaaaaaaaaaaaa:"), run::toString);
    assertTrue(run.out().contains(mine), run::toString);
    assertFalse(run.out().contains(":theirs"), run::toString);
  }

  @Test
  void status_videoWithoutExecutions_saysSo_exits0() {
    start("other", event("rec_bbbbbbbbbbbbbbbbbbbb", OTHER_VIDEO, null));
    CliRun run = CliRun.run(env, "status", VIDEO, "--state-machine-arn", stateMachine);
    assertEquals(0, run.status(), run::toString);
    assertTrue(run.out().contains("No executions for YouTube video " + VIDEO + " among the 100 newest executions."),
        run::toString);
  }

  @Test
  void status_limit_examinesOnlyTheNewestExecutions() throws InterruptedException {
    start("older", event("rec_aaaaaaaaaaaaaaaaaaaa", VIDEO, null));
    Thread.sleep(50);
    String newer = start("newer", event("rec_aaaaaaaaaaaaaaaaaaaa", VIDEO, null));
    CliRun run = CliRun.run(env, "status", VIDEO, "--state-machine-arn", stateMachine, "--limit", "1");
    assertEquals(0, run.status(), run::toString);
    assertTrue(run.out().contains("1 execution for") && run.out().contains(newer), run::toString);
  }

  @Test
  void status_executionArn_showsThatExecution() {
    String arn = start("one", event("rec_aaaaaaaaaaaaaaaaaaaa", VIDEO, null));
    CliRun run = CliRun.run(env, "status", arn);
    assertEquals(0, run.status(), run::toString);
    List<String> lines = run.out().lines().toList();
    assertEquals(List.of(ExecutionReport.HEADER), lines.subList(0, 1));
    assertTrue(lines.get(1).startsWith("RUNNING ") && lines.get(1).endsWith(arn), run::toString);
    assertEquals(2, lines.size(), run::toString);
  }

  @Test
  void status_executionArnThatDoesNotExist_failsWithOneLine() {
    CliRun run = CliRun.run(env, "status", stateMachine.replace(":stateMachine:", ":execution:") + ":missing");
    assertEquals(1, run.status(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().startsWith("error: Step Functions answered ExecutionDoesNotExist (HTTP 400)"), run::toString);
  }

  @Test
  void status_failedExecution_showsItsErrorAndCause() {
    moto.reset();
    moto.executeStateMachines(true);
    String failing = createStateMachine("YoutubeChatStateMachine-Failing", """
        {"StartAt": "Failed", "States": {"Failed": {"Type": "Fail",
          "Error": "com.youtubechat.shared.error.NoTranscriptException",
          "Cause": "The video has captions, but none in en: it has de, fr"}}}""");
    String arn = start(failing, "run-1", event("rec_aaaaaaaaaaaaaaaaaaaa", VIDEO, null));
    awaitStatus(arn, "FAILED");

    for (String target : List.of(VIDEO, arn)) {
      CliRun run = CliRun.run(env, "status", target, "--state-machine-arn", failing);
      assertEquals(0, run.status(), run::toString);
      List<String> lines = run.out().lines().toList();
      int at = lines.indexOf(lines.stream().filter(line -> line.startsWith("FAILED ")).findFirst().orElseThrow());
      assertTrue(lines.get(at).endsWith(arn), run::toString);
      assertEquals("           error: com.youtubechat.shared.error.NoTranscriptException", lines.get(at + 1));
      assertEquals("           cause: The video has captions, but none in en: it has de, fr", lines.get(at + 2));
    }
  }

  @Test
  void status_withoutStateMachineOption_readsTheStackOutput() {
    createStack("youtube-chat", stateMachine);
    String arn = start("one", event("rec_aaaaaaaaaaaaaaaaaaaa", VIDEO, null));
    CliRun run = CliRun.run(env, "status", VIDEO);
    assertEquals(0, run.status(), run::toString);
    assertTrue(run.out().startsWith("State machine " + stateMachine + " (from stack youtube-chat)"), run::toString);
    assertTrue(run.out().contains(arn), run::toString);
  }

  @Test
  void status_stackOption_readsThatStack_andAMissingOneFailsWithOneLine() {
    createStack("my-chat", stateMachine);
    CliRun found = CliRun.run(env, "status", VIDEO, "--stack", "my-chat");
    assertEquals(0, found.status(), found::toString);
    assertTrue(found.out().startsWith("State machine " + stateMachine + " (from stack my-chat)"), found::toString);

    CliRun missing = CliRun.run(env, "status", VIDEO, "--stack", "not-deployed");
    assertEquals(1, missing.status(), missing::toString);
    assertEquals(List.of("error: There is no CloudFormation stack not-deployed in us-east-1: deploy it (sam deploy),"
        + " name yours with --stack, or pass --state-machine-arn (or set YOUTUBE_CHAT_STATE_MACHINE_ARN)"),
        missing.errLines());
  }

  @Test
  void status_stateMachineFromTheEnvironment() {
    env.put("YOUTUBE_CHAT_STATE_MACHINE_ARN", stateMachine);
    CliRun run = CliRun.run(env, "status", VIDEO);
    assertEquals(0, run.status(), run::toString);
    assertTrue(run.out().startsWith("State machine " + stateMachine + " (from YOUTUBE_CHAT_STATE_MACHINE_ARN)"),
        run::toString);
  }

  @Test
  void status_watch_waitsForAnExecution_thenPollsUntilNoneRuns() throws Exception {
    CliRun.Running watching = CliRun.start(env, "status", VIDEO, "--state-machine-arn", stateMachine, "--watch",
        "--interval", "0.2");
    watching.awaitPrinted("Waiting up to 60 s for an execution to start...");
    String arn = start("watched", event("rec_aaaaaaaaaaaaaaaaaaaa", VIDEO, null));
    watching.awaitPrinted("RUNNING ");
    assertFalse(watching.result().isDone(), "still watching a running execution");
    sfn.stopExecution(request -> request.executionArn(arn));
    CliRun run = watching.get();

    assertEquals(1, run.status(), "a watched execution that did not succeed: " + run);
    List<String> lines = run.out().lines().toList();
    int running = indexOf(lines, "RUNNING ");
    int aborted = indexOf(lines, "ABORTED ");
    assertTrue(lines.contains("No executions for YouTube video " + VIDEO + " among the 100 newest executions."), run::toString);
    assertTrue(running > 0 && aborted > running, run::toString);
    assertEquals(1, lines.stream().filter(line -> line.startsWith("RUNNING ")).count(), "printed again only on a change");
    assertEquals(List.of("Waiting up to 60 s for an execution to start...", "error: Execution watched ended ABORTED"),
        run.errLines());
  }

  @Test
  void status_watchOfAnExecutionArn_returnsWhenItStops() throws Exception {
    String arn = start("watched", event("rec_aaaaaaaaaaaaaaaaaaaa", VIDEO, null));
    CliRun.Running watching = CliRun.start(env, "status", arn, "-w", "--interval", "0.2");
    watching.awaitPrinted("RUNNING ");
    sfn.stopExecution(request -> request.executionArn(arn));
    CliRun run = watching.get();
    assertEquals(1, run.status(), run::toString);
    assertEquals(List.of("error: Execution watched ended ABORTED"), run.errLines());
    assertTrue(indexOf(run.out().lines().toList(), "ABORTED ") > indexOf(run.out().lines().toList(), "RUNNING "),
        run::toString);
  }

  @Test
  void status_watch_exitsWithTheOutcome_0WhenSucceeded_1WhenFailed() {
    // moto runs one execution per reset in its executing mode, hence a reset between the two.
    moto.reset();
    moto.executeStateMachines(true);
    String succeeding = createStateMachine("YoutubeChatStateMachine-Ok",
        "{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}");
    awaitStatus(start(succeeding, "run-ok", event("rec_aaaaaaaaaaaaaaaaaaaa", VIDEO, null)), "SUCCEEDED");
    CliRun watchedOk = CliRun.run(env, "status", VIDEO, "--state-machine-arn", succeeding, "--watch");

    moto.reset();
    moto.executeStateMachines(true);
    String failing = createStateMachine("YoutubeChatStateMachine-Failing", """
        {"StartAt": "Failed", "States": {"Failed": {"Type": "Fail",
          "Error": "com.youtubechat.shared.error.NoTranscriptException", "Cause": "none in en"}}}""");
    String failed = start(failing, "run-failed", event("rec_aaaaaaaaaaaaaaaaaaaa", VIDEO, null));
    awaitStatus(failed, "FAILED");
    CliRun watchedFailed = CliRun.run(env, "status", failed, "--watch");
    CliRun reported = CliRun.run(env, "status", failed);

    assertEquals(0, watchedOk.status(), watchedOk::toString);
    assertEquals(1, watchedFailed.status(), watchedFailed::toString);
    assertEquals(List.of("error: Execution run-failed ended FAILED"), watchedFailed.errLines());
    assertEquals(0, reported.status(), "without --watch, status only reports: " + reported);
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  private String createStateMachine(String name, String definition) {
    return sfn.createStateMachine(request -> request.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
  }

  private String start(String name, String input) {
    return start(stateMachine, name, input);
  }

  private String start(String machine, String name, String input) {
    return sfn.startExecution(request -> request.stateMachineArn(machine).name(name).input(input)).executionArn();
  }

  private void awaitStatus(String arn, String status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // patience, not a speed bound
    while (!sfn.describeExecution(request -> request.executionArn(arn)).statusAsString().equals(status)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(arn + " did not reach " + status);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** The EventBridge event the rule hands the state machine, as in events/eventbridge-insert.json. */
  private static String event(String id, String youtubeId, String url) {
    var detail = Json.MAPPER.createObjectNode().put("id", id);
    if (youtubeId != null) {
      detail.put("youtubeId", youtubeId);
    }
    if (url != null) {
      detail.put("url", url);
    }
    var event = Json.MAPPER.createObjectNode()
        .put("version", "0").put("id", java.util.UUID.randomUUID().toString())
        .put("detail-type", "insert").put("source", "custom.youtubeChat")
        .put("account", MotoServer.ACCOUNT).put("time", "2026-01-15T10:24:31Z").put("region", MotoServer.REGION);
    event.putArray("resources");
    event.set("detail", detail);
    return Json.write(event);
  }

  private void createStack(String name, String stateMachineArn) {
    String template = "{\"Resources\": {\"Handle\": {\"Type\": \"AWS::CloudFormation::WaitConditionHandle\"}},"
        + " \"Outputs\": {\"YoutubeChatStateMachineArn\": {\"Value\": \"" + stateMachineArn + "\"},"
        + " \"YoutubeChatRuleName\": {\"Value\": \"rule\"}}}";
    moto.query("cloudformation", "Action=CreateStack&Version=2010-05-15&StackName=" + name
        + "&TemplateBody=" + URLEncoder.encode(template, StandardCharsets.UTF_8));
  }
}
