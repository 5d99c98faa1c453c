package com.youtubechat.shared.youtube;

import com.youtubechat.shared.model.VideoMetadata;

/** Fetches a video's title, description, author, length, thumbnail and publish date. */
public interface MetadataClient {

  VideoMetadata fetch(String youtubeId);

  /** Drops pooled connections (SnapStart: before the snapshot and after each restore). */
  void resetConnections();

  /** The Data API when {@code GOOGLE_API_KEY} is set (immune to IP blocks), else the keyless flow. */
  static MetadataClient create(YoutubeSettings settings, YoutubeHttp http) {
    return settings.googleApiKey().isPresent()
        ? new DataApiMetadataClient(settings, http)
        : new WebMetadataClient(new YoutubeWebClient(settings, http));
  }
}
