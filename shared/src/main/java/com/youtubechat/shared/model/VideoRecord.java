package com.youtubechat.shared.model;

import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.youtube.VideoIds;

/**
 * The video row as the Nest.js back end puts it in the EventBridge event's {@code detail}: its id,
 * and the YouTube id or URL (or both). Any other fields of the record are ignored.
 */
public record VideoRecord(String id, String youtubeId, String url) {

  /**
   * The YouTube id ({@code youtubeId}, else parsed from {@code url}), after checking the record names
   * its videos row; refused before any request is made.
   */
  public String requireYoutubeId(String step) {
    if (id == null || id.isBlank()) {
      throw new InvalidInputException("The video record has no 'id': the " + step + " step needs the videos row id");
    }
    return VideoIds.resolve(youtubeId, url);
  }
}
