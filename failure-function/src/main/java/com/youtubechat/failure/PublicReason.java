package com.youtubechat.failure;

import com.youtubechat.shared.error.AgeRestrictedException;
import com.youtubechat.shared.error.ChatNotEnabledException;
import com.youtubechat.shared.error.CohereAuthenticationException;
import com.youtubechat.shared.error.CohereRateLimitedException;
import com.youtubechat.shared.error.CohereRequestRejectedException;
import com.youtubechat.shared.error.CohereResponseInvalidException;
import com.youtubechat.shared.error.ConfigurationException;
import com.youtubechat.shared.error.DatabaseBusyException;
import com.youtubechat.shared.error.DatabaseException;
import com.youtubechat.shared.error.DatabaseUnavailableException;
import com.youtubechat.shared.error.EmbeddingDimensionMismatchException;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.error.NoTranscriptException;
import com.youtubechat.shared.error.PoTokenRequiredException;
import com.youtubechat.shared.error.ProxyAuthenticationException;
import com.youtubechat.shared.error.PusherRejectedException;
import com.youtubechat.shared.error.TranscriptMissingException;
import com.youtubechat.shared.error.TranscriptsDisabledException;
import com.youtubechat.shared.error.TranslationRefusedException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.error.VideoRecordMismatchException;
import com.youtubechat.shared.error.VideoRecordNotFoundException;
import com.youtubechat.shared.error.VideoUnavailableException;
import com.youtubechat.shared.error.VideoUnplayableException;
import com.youtubechat.shared.error.YoutubeBotCheckException;
import com.youtubechat.shared.error.YoutubeQuotaExceededException;
import com.youtubechat.shared.error.YoutubeRequestRejectedException;
import com.youtubechat.shared.error.YoutubeResponseUnparsableException;
import com.youtubechat.shared.error.YoutubeThrottledException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the web app is told when a video fails: a stable reason code and a sentence written here,
 * one per code. The {@code video-details} channel may be public, so nothing of the failure itself
 * (exception text: database hosts and users, which key was refused, the input echoed back) ever
 * goes into the event; the readable reason stays in {@code videos.error} and the logs. The one
 * place that maps a Step Functions error name to a code; an unknown name is {@link #INTERNAL_ERROR}.
 * Declaration order is precedence: when both branches failed, the code that says most about the
 * video itself wins.
 */
enum PublicReason {

  VIDEO_UNAVAILABLE("video_unavailable",
      "This video is not available on YouTube: it may be private or removed, or the link may be wrong."),
  VIDEO_RESTRICTED("video_restricted",
      "YouTube restricts this video (age-restricted, members-only, region-blocked or paid), so it cannot be processed."),
  CAPTIONS_DISABLED("captions_disabled", "This video has no captions, so there is nothing to chat about."),
  NO_CAPTIONS("no_captions", "This video has no captions in a supported language."),
  CAPTIONS_UNAVAILABLE("captions_unavailable", "YouTube does not let this service read this video's captions."),
  INVALID_REQUEST("invalid_request", "This video could not be processed as it was added. Check the link and add it again."),
  RATE_LIMITED("rate_limited", "A usage limit was reached while processing this video. Try again later."),
  TIMED_OUT("timed_out", "Processing this video took too long and was stopped. Try again later."),
  SERVICE_UNAVAILABLE("service_unavailable", "A service needed to process this video was unavailable. Try again later."),
  YOUTUBE_ERROR("youtube_error", "YouTube did not answer as expected. Try again later."),
  ABORTED("aborted", "Processing of this video was stopped before it finished. Add it again to retry."),
  CONFIGURATION_ERROR("configuration_error",
      "The service is not set up correctly. This is not a problem with the video; try again once it is fixed."),
  INTERNAL_ERROR("internal_error", "Something went wrong on our side while processing this video.");

  private static final Map<String, PublicReason> BY_ERROR = Map.ofEntries(
      // The project's own errors: the Lambda runtime names each by its class.
      entry(VideoUnavailableException.class, VIDEO_UNAVAILABLE),
      entry(VideoUnplayableException.class, VIDEO_RESTRICTED),
      entry(AgeRestrictedException.class, VIDEO_RESTRICTED),
      entry(TranscriptsDisabledException.class, CAPTIONS_DISABLED),
      entry(NoTranscriptException.class, NO_CAPTIONS),
      entry(PoTokenRequiredException.class, CAPTIONS_UNAVAILABLE),
      entry(TranslationRefusedException.class, CAPTIONS_UNAVAILABLE),
      entry(InvalidInputException.class, INVALID_REQUEST),
      entry(VideoRecordMismatchException.class, INVALID_REQUEST),
      entry(VideoRecordNotFoundException.class, INVALID_REQUEST),
      entry(YoutubeQuotaExceededException.class, RATE_LIMITED),
      entry(YoutubeThrottledException.class, RATE_LIMITED),
      entry(CohereRateLimitedException.class, RATE_LIMITED),
      entry(DatabaseBusyException.class, RATE_LIMITED),
      entry(TransientException.class, SERVICE_UNAVAILABLE),
      entry(DatabaseUnavailableException.class, SERVICE_UNAVAILABLE),
      entry(YoutubeRequestRejectedException.class, YOUTUBE_ERROR),
      entry(YoutubeResponseUnparsableException.class, YOUTUBE_ERROR),
      entry(ConfigurationException.class, CONFIGURATION_ERROR),
      entry(ProxyAuthenticationException.class, CONFIGURATION_ERROR),
      // A bot check without a proxy: the fix is YOUTUBE_PROXY_URL, not the video.
      entry(YoutubeBotCheckException.class, CONFIGURATION_ERROR),
      entry(CohereAuthenticationException.class, CONFIGURATION_ERROR),
      entry(PusherRejectedException.class, CONFIGURATION_ERROR),
      entry(EmbeddingDimensionMismatchException.class, CONFIGURATION_ERROR),
      entry(DatabaseException.class, INTERNAL_ERROR),
      entry(CohereRequestRejectedException.class, INTERNAL_ERROR),
      entry(CohereResponseInvalidException.class, INTERNAL_ERROR),
      entry(TranscriptMissingException.class, INTERNAL_ERROR),
      entry(ChatNotEnabledException.class, INTERNAL_ERROR),
      // Step Functions' and Lambda's own error names. Any other (Lambda.Unknown for a crash,
      // States.DataLimitExceeded, States.Runtime, a JDK exception) is an internal error.
      Map.entry("States.Timeout", TIMED_OUT),
      Map.entry("States.HeartbeatTimeout", TIMED_OUT),
      Map.entry("Sandbox.Timedout", TIMED_OUT),
      Map.entry("Lambda.TooManyRequestsException", RATE_LIMITED),
      Map.entry("Lambda.ServiceException", SERVICE_UNAVAILABLE),
      Map.entry("Lambda.AWSLambdaException", SERVICE_UNAVAILABLE),
      Map.entry("Lambda.SdkClientException", SERVICE_UNAVAILABLE),
      Map.entry("Lambda.ClientExecutionTimeoutException", SERVICE_UNAVAILABLE));

  private final String code;
  private final String message;

  PublicReason(String code, String message) {
    this.code = code;
    this.message = message;
  }

  /** The stable code the web app switches on, e.g. {@code captions_disabled}. */
  String code() {
    return code;
  }

  /** The sentence the web app may show as it is. */
  String message() {
    return message;
  }

  /** The code of a Step Functions error name; {@link #INTERNAL_ERROR} for a name not listed. */
  static PublicReason ofError(String errorName) {
    return errorName == null ? INTERNAL_ERROR : BY_ERROR.getOrDefault(errorName.strip(), INTERNAL_ERROR);
  }

  /** The code of the failure path's report: of its most telling failure, or internal when it lists none. */
  static PublicReason of(List<FailureReport.StepFailure> failures) {
    return failures.stream().map(failure -> ofError(failure.error())).min(Comparator.naturalOrder())
        .orElse(INTERNAL_ERROR);
  }

  /** The code of an execution that ended without an outcome recorded: aborted, timed out, or its error's. */
  static PublicReason of(ExecutionEnded ended) {
    return switch (ended.status() == null ? "" : ended.status()) {
      case "ABORTED" -> ABORTED;
      case "TIMED_OUT" -> TIMED_OUT;
      default -> ofError(ended.error());
    };
  }

  /** The error names this class maps (for the test that every project error has a code). */
  static Set<String> mappedErrors() {
    return BY_ERROR.keySet();
  }

  private static Map.Entry<String, PublicReason> entry(Class<? extends RuntimeException> error, PublicReason reason) {
    return Map.entry(error.getName(), reason);
  }
}
