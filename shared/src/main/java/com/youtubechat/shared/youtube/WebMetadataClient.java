package com.youtubechat.shared.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.error.YoutubeResponseUnparsableException;
import com.youtubechat.shared.model.VideoMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keyless metadata: the innertube player's {@code videoDetails} (the ANDROID client's answer has no
 * microformat), with the publish date and the largest thumbnail taken from the watch page.
 */
public final class WebMetadataClient implements MetadataClient {

  private final YoutubeWebClient youtube;

  public WebMetadataClient(YoutubeWebClient youtube) {
    this.youtube = youtube;
  }

  @Override
  public VideoMetadata fetch(String youtubeId) {
    return fromPage(youtube.load(youtubeId));
  }

  @Override
  public void resetConnections() {
    youtube.http().evictConnections();
  }

  /** Metadata from an already loaded page, so a step that also needs captions calls YouTube once. */
  public static VideoMetadata fromPage(YoutubeWebClient.VideoPage page) {
    PlayerResponse player = page.player();
    // An age gate still comes with the video's details, and metadata is all this step needs.
    player.assertPlayable(true);
    Optional<JsonNode> embedded = page.watchPage().initialPlayerResponse();
    JsonNode details = player.hasVideoDetails() ? player.videoDetails()
        : embedded.map(node -> node.path("videoDetails")).filter(node -> node.hasNonNull("title"))
            .orElseThrow(() -> new YoutubeResponseUnparsableException("YouTube's answer for video "
                + page.videoId() + " has no videoDetails (title, author, length)"));
    List<JsonNode> thumbnails = new ArrayList<>();
    thumbnails.add(details.path("thumbnail").path("thumbnails"));
    embedded.ifPresent(node -> thumbnails.add(
        node.path("microformat").path("playerMicroformatRenderer").path("thumbnail").path("thumbnails")));
    String thumbnail = Thumbnails.largest(thumbnails);
    return new VideoMetadata(
        page.videoId(),
        details.path("title").asText(),
        details.path("shortDescription").asText(""),
        details.path("author").asText(""),
        details.path("lengthSeconds").asLong(0),
        thumbnail != null ? thumbnail : Thumbnails.fallback(page.videoId()),
        page.watchPage().publishDate().orElse(null));
  }
}
