package com.youtubechat.failure;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.Echo;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.error.YoutubeChatException;
import com.youtubechat.shared.lambda.PrimedService;
import com.youtubechat.shared.lambda.Warmup;
import com.youtubechat.shared.log.Log;
import com.youtubechat.shared.pusher.PusherSettings;
import com.youtubechat.shared.pusher.VideoDetailsEvent;
import com.youtubechat.shared.pusher.VideoEvents;
import com.youtubechat.shared.xata.VideoStore;
import com.youtubechat.shared.xata.XataConnection;
import com.youtubechat.shared.xata.XataSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Records a failed video: the row's status becomes {@code failed} with a readable reason, then the
 * web app is told ({@code video-details} {@code {id, status: "failed", reason, error}}, where reason
 * and error are a {@link PublicReason}'s code and sentence: the channel may be public, so the
 * readable reason, made of exception text, stays in the row and the logs). The row is written
 * first, so Pusher being down loses nothing; a Pusher failure is retried by the state machine. A row
 * that is ready (chat enabled) is never marked, and then nothing is sent: the failure is logged and
 * is still the execution's.
 */
public final class FailureService implements PrimedService {

  private static final System.Logger LOG = Log.get(FailureService.class);

  static final int MAX_ERROR_NAME = 256;

  private final VideoStore videos;
  private final VideoEvents events;

  public FailureService(VideoStore videos, VideoEvents events) {
    this.videos = videos;
    this.events = events;
  }

  public static FailureService fromEnvironment(ConfigReader config) {
    XataSettings xata = XataSettings.read(config);
    PusherSettings pusher = PusherSettings.read(config);
    config.validate();
    return new FailureService(new VideoStore(new XataConnection(xata)), VideoEvents.create(pusher));
  }

  /** SnapStart priming: the invocation's code paths on canned data, no side effect. */
  @Override
  public void prime() {
    FailureReport report = Warmup.json("{\"videoId\":\"rec_warmup\",\"failures\":[{\"step\":\"Info\","
        + "\"error\":\"com.example.E\",\"cause\":\"{\\\"errorMessage\\\":\\\"m\\\"}\"}]}", FailureReport.class);
    FailureReasons.reason(report.failures());
    PublicReason.of(report.failures());
    XataConnection.warmDriver();
    events.warm();
  }

  /** Drops every open connection (before the snapshot, and after each restore). */
  @Override
  public void reset() {
    videos.resetConnection();
  }

  /**
   * The safety net: for each ended execution, marks its video failed unless an outcome is already
   * recorded, and tells the web app. Returns the ids of the messages to try again: those that met a
   * retryable failure (the database full or down, Pusher unavailable). A message that can never be
   * recorded (not such an event, no video id, no row) is logged and dropped.
   */
  public List<String> recordEnded(List<ExecutionEndedHandler.SqsMessage> messages) {
    List<String> retry = new ArrayList<>();
    try {
      for (ExecutionEndedHandler.SqsMessage message : messages) {
        try {
          recordEnded(ExecutionEnded.parse(message.body()));
        } catch (YoutubeChatException e) {
          if (e.retryable()) {
            LOG.log(System.Logger.Level.WARNING, "message {0} will be tried again: {1}", message.messageId(),
                e.getMessage());
            retry.add(message.messageId());
          } else {
            LOG.log(System.Logger.Level.ERROR, "message {0} cannot be recorded and is dropped: {1}",
                message.messageId(), e.getMessage());
          }
        }
      }
    } finally {
      videos.resetConnection();
    }
    return retry;
  }

  private void recordEnded(ExecutionEnded ended) {
    if (ended.videoId() == null) {
      LOG.log(System.Logger.Level.WARNING, "execution {0} ended {1} with no video id in its input",
          ended.executionName(), ended.status());
      return;
    }
    String reason = FailureReasons.endedWithoutOutcome(ended);
    if (videos.markFailedIfUnfinished(ended.videoId(), reason)) {
      PublicReason publicReason = PublicReason.of(ended);
      events.videoDetails(VideoDetailsEvent.failed(ended.videoId(), publicReason.code(), publicReason.message()));
      LOG.log(System.Logger.Level.INFO, "video {0}: execution {1} ended {2} without an outcome; marked failed ({3})",
          ended.videoId(), ended.executionName(), ended.status(), publicReason.code());
    }
  }

  public FailureSummary record(FailureReport report) {
    List<FailureReport.StepFailure> failures = report.failures() == null ? List.of() : report.failures();
    if (failures.stream().anyMatch(Objects::isNull)) {
      throw new InvalidInputException("The input's 'failures' holds a null entry: each"
          + " must be {step, error, cause}, as the state machine's RecordFailure state passes them");
    }
    String reason = FailureReasons.reason(failures);
    // The execution fails with this name: bounded like Step Functions' own error names (256), whoever invoked us.
    String error = failures.isEmpty() || failures.get(0).error() == null ? "VideoProcessingFailed"
        : Echo.bounded(failures.get(0).error(), MAX_ERROR_NAME);
    String videoId = report.videoId();
    if (videoId == null || videoId.isBlank()) {
      LOG.log(System.Logger.Level.WARNING, "a video without an id failed: {0}", reason);
      return new FailureSummary(null, error, reason, false);
    }
    VideoStore.FailureMark mark;
    try {
      mark = videos.markFailed(videoId, reason);
    } finally {
      videos.resetConnection();
    }
    switch (mark) {
      case NO_ROW -> {
        LOG.log(System.Logger.Level.WARNING, "video {0} failed but has no row to mark: {1}", videoId, reason);
        return new FailureSummary(videoId, error, reason, false);
      }
      case KEPT_READY -> {
        LOG.log(System.Logger.Level.WARNING, "video {0} failed but its row is ready (chat enabled) and is kept;"
            + " nothing is sent: {1}", videoId, reason);
        return new FailureSummary(videoId, error, reason, false);
      }
      case MARKED -> { }
    }
    PublicReason publicReason = PublicReason.of(failures);
    events.videoDetails(VideoDetailsEvent.failed(videoId, publicReason.code(), publicReason.message()));
    LOG.log(System.Logger.Level.INFO, "video {0} marked failed ({1}): {2}", videoId, publicReason.code(), reason);
    return new FailureSummary(videoId, error, reason, true);
  }
}
