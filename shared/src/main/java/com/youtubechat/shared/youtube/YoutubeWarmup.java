package com.youtubechat.shared.youtube;

import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.model.VideoMetadata;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Runs the YouTube client's parsing and request-building code on a canned watch page and player
 * response, for SnapStart priming: no request is sent.
 */
public final class YoutubeWarmup {

  private static final String PLAYER = """
      {"playabilityStatus":{"status":"OK"},
       "captions":{"playerCaptionsTracklistRenderer":{"captionTracks":[{"baseUrl":"https://www.youtube.com/api/timedtext?v=aaaaaaaaaaa&lang=en&fmt=srv3","name":{"runs":[{"text":"English"}]},"languageCode":"en","isTranslatable":true}],"translationLanguages":[{"languageCode":"de","languageName":{"runs":[{"text":"German"}]}}]}},
       "videoDetails":{"videoId":"aaaaaaaaaaa","title":"Warm-up","lengthSeconds":"60","shortDescription":"d","author":"a",
         "thumbnail":{"thumbnails":[{"url":"https://i.ytimg.com/vi/aaaaaaaaaaa/hqdefault.jpg","width":480,"height":360}]}}}""";
  private static final String PAGE = "<html><script>ytcfg.set({\"INNERTUBE_API_KEY\":\"warmup_key\"});</script>"
      + "<meta itemprop=\"datePublished\" content=\"2020-01-01T00:00:00-08:00\">"
      + "<script>var ytInitialPlayerResponse = " + PLAYER.replace("\n", "")
      + ";var meta = 1;</script></html>";

  private YoutubeWarmup() {}

  /** Metadata from the canned page, through the same code as a real fetch. */
  public static VideoMetadata metadata() {
    requests();
    return WebMetadataClient.fromPage(page());
  }

  /** The caption track choice on the canned player response. */
  public static TrackChoice captionChoice(List<String> languages) {
    return TrackChoice.choose("aaaaaaaaaaa", CaptionTrack.from(page().player()), languages);
  }

  private static YoutubeWebClient.VideoPage page() {
    try {
      WatchPage page = new WatchPage(PAGE);
      page.innertubeApiKey();
      page.isConsentPage();
      return new YoutubeWebClient.VideoPage("aaaaaaaaaaa", page,
          new PlayerResponse("aaaaaaaaaaa", Json.MAPPER.readTree(PLAYER), false));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void requests() {
    new Request.Builder().url(YoutubeHttp.url(java.net.URI.create(YoutubeSettings.DEFAULT_BASE_URL),
            "/youtubei/v1/player?prettyPrint=false"))
        .post(RequestBody.create("{}", MediaType.get("application/json"))).build();
    VideoIds.resolve(null, "https://www.youtube.com/watch?v=aaaaaaaaaaa");
  }
}
