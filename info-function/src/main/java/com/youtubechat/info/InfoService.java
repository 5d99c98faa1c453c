package com.youtubechat.info;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.lambda.Warmup;
import com.youtubechat.shared.model.VideoMetadata;
import com.youtubechat.shared.model.VideoRecord;
import com.youtubechat.shared.pusher.PusherSettings;
import com.youtubechat.shared.pusher.VideoDetailsEvent;
import com.youtubechat.shared.pusher.VideoEvents;
import com.youtubechat.shared.xata.VideoStore;
import com.youtubechat.shared.xata.XataConnection;
import com.youtubechat.shared.xata.XataSettings;
import com.youtubechat.shared.youtube.MetadataClient;
import com.youtubechat.shared.youtube.VideoIds;
import com.youtubechat.shared.youtube.YoutubeHttp;
import com.youtubechat.shared.youtube.YoutubeSettings;
import com.youtubechat.shared.youtube.YoutubeWarmup;

/**
 * The Info step: fetch the video's metadata, write it to the video row, then tell the web app. The
 * row is written before the event is sent, so a client that refetches on the event sees the data.
 */
public final class InfoService {

  private final MetadataClient youtube;
  private final VideoStore videos;
  private final VideoEvents events;

  public InfoService(MetadataClient youtube, VideoStore videos, VideoEvents events) {
    this.youtube = youtube;
    this.videos = videos;
    this.events = events;
  }

  /** Builds the service from environment variables; every configuration problem is reported at once. */
  public static InfoService fromEnvironment(ConfigReader config) {
    XataSettings xata = XataSettings.read(config);
    YoutubeSettings youtube = YoutubeSettings.read(config);
    PusherSettings pusher = PusherSettings.read(config);
    config.validate();
    return new InfoService(MetadataClient.create(youtube, new YoutubeHttp(youtube)),
        new VideoStore(new XataConnection(xata)), VideoEvents.create(pusher));
  }

  /** SnapStart priming: the invocation's code paths on canned data, no side effect. */
  public void prime() {
    VideoRecord record = Warmup.json("{\"id\":\"rec_warmup\",\"youtubeId\":\"aaaaaaaaaaa\",\"extra\":1}",
        VideoRecord.class);
    VideoIds.resolve(record.youtubeId(), record.url());
    VideoMetadata metadata = YoutubeWarmup.metadata();
    XataConnection.warmDriver();
    events.warm();
    Json.write(new InfoResult(record.id(), metadata.youtubeId(), metadata.title(), metadata.lengthSeconds()));
  }

  /** Drops every open connection (before the snapshot, and after each restore). */
  public void reset() {
    youtube.resetConnections();
    videos.resetConnection();
  }

  public InfoResult process(VideoRecord video) {
    String youtubeId = video.requireYoutubeId("Info");
    VideoMetadata metadata = youtube.fetch(youtubeId);
    videos.updateMetadata(video.id(), metadata);
    events.videoDetails(new VideoDetailsEvent(video.id(), metadata.title(), metadata.author(),
        metadata.thumbnailUrl(), metadata.lengthSeconds(),
        metadata.publishDate() == null ? null : metadata.publishDate().toString(),
        metadata.description(), null, null, null));
    return new InfoResult(video.id(), youtubeId, metadata.title(), metadata.lengthSeconds());
  }
}
