package com.youtubechat.info;

import com.youtubechat.shared.model.VideoMetadata;
import com.youtubechat.shared.pusher.VideoDetailsEvent;

/**
 * The Info step's output: a summary, and {@code details}, the {@code video-details} event the Notify
 * step sends once this step has committed. Small (a description is at most 5,000 characters), as
 * Step Functions carries it (256 KiB limit).
 */
public record InfoResult(String videoId, String youtubeId, String title, long lengthSeconds,
    VideoDetailsEvent details) {

  static InfoResult of(String videoId, VideoMetadata metadata) {
    VideoDetailsEvent details = new VideoDetailsEvent(videoId, metadata.title(), metadata.author(),
        metadata.thumbnailUrl(), metadata.lengthSeconds(),
        metadata.publishDate() == null ? null : metadata.publishDate().toString(),
        metadata.description(), null, null, null, null);
    return new InfoResult(videoId, metadata.youtubeId(), metadata.title(), metadata.lengthSeconds(), details);
  }
}
