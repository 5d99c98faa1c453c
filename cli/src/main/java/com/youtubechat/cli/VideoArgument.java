package com.youtubechat.cli;

import com.youtubechat.shared.youtube.VideoIds;

/**
 * A command's {@code <url|id>} argument: the YouTube id, and the URL to store on a new row (the
 * argument itself when it is a URL, else the canonical watch URL).
 */
record VideoArgument(String youtubeId, String url) {

  /** @throws com.youtubechat.shared.error.InvalidInputException when it names no YouTube video */
  static VideoArgument parse(String argument) {
    String text = argument.strip();
    String youtubeId = VideoIds.fromUrl(text);
    String url = VideoIds.isValidId(text) ? "https://www.youtube.com/watch?v=" + youtubeId : text;
    return new VideoArgument(youtubeId, url);
  }
}
