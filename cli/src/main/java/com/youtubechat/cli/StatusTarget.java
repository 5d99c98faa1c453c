package com.youtubechat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.youtube.VideoIds;
import java.util.regex.Pattern;

/** What {@code status} was asked about: one execution, or a video by record id or YouTube id. */
sealed interface StatusTarget {

  Pattern EXECUTION_ARN = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:execution:[^:\\s]+:[^:\\s]+");

  /** @throws IllegalArgumentException with a readable message when it is none of these */
  static StatusTarget parse(String raw) {
    String value = raw.strip();
    if (value.startsWith("arn:")) {
      if (!EXECUTION_ARN.matcher(value).matches()) {
        throw new IllegalArgumentException("'" + value + "' is not a Step Functions execution ARN"
            + " (arn:aws:states:<region>:<account>:execution:<state machine>:<name>)");
      }
      return new Execution(value);
    }
    if (value.startsWith("rec_")) {
      return new RecordId(value);
    }
    try {
      return new YoutubeVideo(VideoIds.fromUrl(value));
    } catch (InvalidInputException e) {
      throw new IllegalArgumentException(e.getMessage() + ", a record id (rec_...) or an execution ARN", e);
    }
  }

  record Execution(String arn) implements StatusTarget {}

  /** A video by its row id: matches executions whose input's detail.id is that id. */
  record RecordId(String id) implements StatusTarget {
    boolean matches(JsonNode detail) {
      return id.equals(detail.path("id").asText(null));
    }

    @Override
    public String toString() {
      return "video row " + id;
    }
  }

  /** A video by YouTube id: matches executions whose detail names it by youtubeId or url. */
  record YoutubeVideo(String youtubeId) implements StatusTarget {
    boolean matches(JsonNode detail) {
      try {
        return youtubeId.equals(VideoIds.resolve(detail.path("youtubeId").asText(null), detail.path("url").asText(null)));
      } catch (InvalidInputException notAVideo) {
        return false;
      }
    }

    @Override
    public String toString() {
      return "YouTube video " + youtubeId;
    }
  }
}
