package com.youtubechat.failure;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.lambda.Warmup;
import com.youtubechat.shared.log.Log;
import com.youtubechat.shared.pusher.PusherSettings;
import com.youtubechat.shared.pusher.VideoDetailsEvent;
import com.youtubechat.shared.pusher.VideoEvents;
import com.youtubechat.shared.xata.VideoStore;
import com.youtubechat.shared.xata.XataConnection;
import com.youtubechat.shared.xata.XataSettings;
import java.util.List;

/**
 * Records a failed video: the row's status becomes {@code failed} with a readable reason, then the
 * web app is told ({@code video-details} {@code {id, status: "failed", error}}). The row is written
 * first, so Pusher being down loses nothing; a Pusher failure is retried by the state machine.
 */
public final class FailureService {

  private static final System.Logger LOG = Log.get(FailureService.class);

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
  public void prime() {
    FailureReport report = Warmup.json("{\"videoId\":\"rec_warmup\",\"failures\":[{\"step\":\"Info\","
        + "\"error\":\"com.example.E\",\"cause\":\"{\\\"errorMessage\\\":\\\"m\\\"}\"}]}", FailureReport.class);
    FailureReasons.reason(report.failures());
    XataConnection.warmDriver();
    events.warm();
  }

  /** Drops every open connection (before the snapshot, and after each restore). */
  public void reset() {
    videos.resetConnection();
  }

  public FailureSummary record(FailureReport report) {
    List<FailureReport.StepFailure> failures = report.failures() == null ? List.of() : report.failures();
    String reason = FailureReasons.reason(failures);
    String error = failures.isEmpty() ? "VideoProcessingFailed" : failures.get(0).error();
    String videoId = report.videoId();
    if (videoId == null || videoId.isBlank()) {
      LOG.log(System.Logger.Level.WARNING, "a video without an id failed: {0}", reason);
      return new FailureSummary(null, error, reason, false);
    }
    boolean recorded = videos.markFailed(videoId, reason);
    if (!recorded) {
      LOG.log(System.Logger.Level.WARNING, "video {0} failed but has no row to mark: {1}", videoId, reason);
      return new FailureSummary(videoId, error, reason, false);
    }
    events.videoDetails(VideoDetailsEvent.failed(videoId, reason));
    return new FailureSummary(videoId, error, reason, true);
  }
}
