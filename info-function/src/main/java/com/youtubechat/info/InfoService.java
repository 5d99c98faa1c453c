package com.youtubechat.info;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.lambda.PrimedService;
import com.youtubechat.shared.lambda.Warmup;
import com.youtubechat.shared.model.VideoMetadata;
import com.youtubechat.shared.model.VideoRecord;
import com.youtubechat.shared.pusher.VideoDetailsEvent;
import com.youtubechat.shared.xata.VideoStore;
import com.youtubechat.shared.xata.XataConnection;
import com.youtubechat.shared.xata.XataSettings;
import com.youtubechat.shared.youtube.MetadataClient;
import com.youtubechat.shared.youtube.VideoIds;
import com.youtubechat.shared.youtube.YoutubeHttp;
import com.youtubechat.shared.youtube.YoutubeSettings;
import com.youtubechat.shared.youtube.YoutubeWarmup;

/**
 * The Info step: check the video's row, fetch the video's metadata, write it to the row, and hand
 * the {@code video-details} event to the next step (Notify), which sends it after this one has
 * committed. The order keeps retries free of paid work: the row check takes the invocation's
 * database connection before YouTube is asked, so a database that is down or full fails the attempt
 * before the fetch; and a Pusher outage is retried by Notify alone, never fetching YouTube again.
 */
public final class InfoService implements PrimedService {

  private final MetadataClient youtube;
  private final VideoStore videos;

  public InfoService(MetadataClient youtube, VideoStore videos) {
    this.youtube = youtube;
    this.videos = videos;
  }

  /** Builds the service from environment variables; every configuration problem is reported at once. */
  public static InfoService fromEnvironment(ConfigReader config) {
    XataSettings xata = XataSettings.read(config);
    YoutubeSettings youtube = YoutubeSettings.read(config);
    config.validate();
    return new InfoService(MetadataClient.create(youtube, new YoutubeHttp(youtube)),
        new VideoStore(new XataConnection(xata)));
  }

  /** SnapStart priming: the invocation's code paths on canned data, no side effect. */
  @Override
  public void prime() {
    VideoRecord record = Warmup.json("{\"id\":\"rec_warmup\",\"youtubeId\":\"aaaaaaaaaaa\",\"extra\":1}",
        VideoRecord.class);
    VideoIds.resolve(record.youtubeId(), record.url());
    VideoMetadata metadata = YoutubeWarmup.metadata();
    XataConnection.warmDriver();
    Json.write(InfoResult.of(record.id(), metadata));
  }

  /** Drops every open connection (before the snapshot, and after each restore). */
  @Override
  public void reset() {
    youtube.resetConnections();
    videos.resetConnection();
  }

  public InfoResult process(VideoRecord video) {
    String youtubeId = video.requireYoutubeId("Info");
    try {
      videos.requireRow(video.id(), youtubeId);
      VideoMetadata metadata = youtube.fetch(youtubeId);
      videos.updateMetadata(video.id(), metadata);
      return InfoResult.of(video.id(), metadata);
    } finally {
      videos.resetConnection();
    }
  }
}
