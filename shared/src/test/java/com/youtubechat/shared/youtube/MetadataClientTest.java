package com.youtubechat.shared.youtube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.error.YoutubeBotCheckException;
import com.youtubechat.shared.error.VideoUnavailableException;
import com.youtubechat.shared.error.VideoUnplayableException;
import com.youtubechat.shared.error.YoutubeQuotaExceededException;
import com.youtubechat.shared.error.YoutubeRequestRejectedException;
import com.youtubechat.shared.model.VideoMetadata;
import com.youtubechat.emulators.FakeVideo;
import com.youtubechat.emulators.YoutubeEmulator;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetadataClientTest {

  private static final String ID = "dQw4w9WgXcQ";

  private final YoutubeEmulator youtube = new YoutubeEmulator();

  @AfterEach
  void stop() {
    youtube.close();
  }

  private MetadataClient client(Map<String, String> env) {
    ConfigReader config = new ConfigReader(env);
    YoutubeSettings settings = YoutubeSettings.read(config);
    config.validate();
    return MetadataClient.create(settings, new YoutubeHttp(settings));
  }

  private MetadataClient keyless() {
    return client(youtube.environment());
  }

  private MetadataClient dataApi() {
    return client(youtube.environmentWithDataApi());
  }

  @Test
  void keyless_readsPlayerDetailsAndTheWatchPagesPublishDate() {
    youtube.add(new FakeVideo(ID));

    VideoMetadata metadata = keyless().fetch(ID);

    assertEquals(ID, metadata.youtubeId());
    assertEquals("Never Gonna Give You Up", metadata.title());
    assertEquals("Rick Astley", metadata.author());
    assertEquals(213, metadata.lengthSeconds());
    assertTrue(metadata.description().startsWith("The official video"));
    assertEquals("https://i.ytimg.com/vi/" + ID + "/maxresdefault.jpg", metadata.thumbnailUrl());
    assertEquals(OffsetDateTime.parse("2009-10-24T23:57:33-07:00"), metadata.publishDate());
  }

  @Test
  void keyless_sendsTheConfiguredInnertubeClientWithThePagesKey() throws Exception {
    youtube.add(new FakeVideo(ID));
    Map<String, String> env = new HashMap<>(youtube.environment());
    env.put("YOUTUBE_CLIENT_NAME", "ANDROID_VR");
    env.put("YOUTUBE_CLIENT_VERSION", "1.65.10");

    client(env).fetch(ID);

    RecordedRequest player = youtube.requests("/youtubei/v1/player").get(0);
    assertEquals(YoutubeEmulator.INNERTUBE_KEY, player.getUrl().queryParameter("key"));
    String body = player.getBody().utf8();
    assertTrue(body.contains("\"clientName\":\"ANDROID_VR\""), body);
    assertTrue(body.contains("\"clientVersion\":\"1.65.10\""), body);
    assertTrue(body.contains("\"videoId\":\"" + ID + "\""), body);
    assertTrue(player.getHeaders().get("Accept-Language").startsWith("en-US"));
  }

  @Test
  void euConsentWall_isAnsweredWithTheConsentCookie() {
    youtube.add(new FakeVideo(ID));
    youtube.consentWall(true);

    assertEquals("Never Gonna Give You Up", keyless().fetch(ID).title());

    var watches = youtube.requests("/watch");
    assertEquals(2, watches.size(), "consent page, then the watch page");
    assertTrue(watches.get(1).getHeaders().get("Cookie").contains("CONSENT=YES+" + YoutubeEmulator.CONSENT_VALUE));
  }

  @Test
  void captchaWithoutAProxy_isAPermanentBlockWithTheProxyHint() {
    youtube.add(new FakeVideo(ID));
    youtube.captcha(true);
    YoutubeBotCheckException e = assertThrows(YoutubeBotCheckException.class, () -> keyless().fetch(ID));
    assertTrue(e.getMessage().contains("YOUTUBE_PROXY_URL"), e.getMessage());
  }

  @Test
  void unknownVideo_isUnavailable() {
    VideoUnavailableException e = assertThrows(VideoUnavailableException.class, () -> keyless().fetch("zzzzzzzzzzz"));
    assertTrue(e.getMessage().contains("zzzzzzzzzzz"), e.getMessage());
  }

  @Test
  void unplayableVideo_isNamedWithYoutubesReason() {
    youtube.add(new FakeVideo(ID).playability("UNPLAYABLE", "Video unavailable",
        "The uploader has not made this video available in your country"));
    VideoUnplayableException e = assertThrows(VideoUnplayableException.class, () -> keyless().fetch(ID));
    assertTrue(e.getMessage().contains("available in your country"), e.getMessage());
  }

  @Test
  void privateVideo_isUnavailable() {
    youtube.add(new FakeVideo(ID).playability("LOGIN_REQUIRED", "This video is private", null));
    VideoUnavailableException e = assertThrows(VideoUnavailableException.class, () -> keyless().fetch(ID));
    assertTrue(e.getMessage().contains("private"), e.getMessage());
  }

  @Test
  void botCheckWithoutAProxy_isAPermanentBlockWithTheProxyHint() {
    youtube.add(new FakeVideo(ID).playability("LOGIN_REQUIRED", "Sign in to confirm you’re not a bot", null));
    YoutubeBotCheckException e = assertThrows(YoutubeBotCheckException.class, () -> keyless().fetch(ID));
    assertTrue(e.getMessage().contains("YOUTUBE_PROXY_URL"), e.getMessage());
  }

  @Test
  void ageRestrictedVideo_stillYieldsItsMetadata() {
    youtube.add(new FakeVideo(ID).playability("LOGIN_REQUIRED", "This video may be inappropriate for some users.", null));
    assertEquals("Never Gonna Give You Up", keyless().fetch(ID).title());
  }

  @Test
  void http429_isRetryableAndNamesTheProxyFix() {
    youtube.add(new FakeVideo(ID));
    youtube.failNext("/watch", 429, 1);
    TransientException e = assertThrows(TransientException.class, () -> keyless().fetch(ID));
    assertTrue(e.getMessage().contains("HTTP 429"), e.getMessage());
    assertTrue(e.getMessage().contains("YOUTUBE_PROXY_URL"), e.getMessage());
  }

  @Test
  void http503FromThePlayer_isRetryable() {
    youtube.add(new FakeVideo(ID));
    youtube.failNext("/youtubei", 503, 1);
    assertTrue(assertThrows(TransientException.class, () -> keyless().fetch(ID)).getMessage().contains("HTTP 503"));
  }

  @Test
  void dataApi_readsSnippetAndContentDetailsWithTheKeyInAHeader() {
    youtube.add(new FakeVideo(ID).lengthSeconds(3_723));

    VideoMetadata metadata = dataApi().fetch(ID);

    assertEquals("Never Gonna Give You Up", metadata.title());
    assertEquals("Rick Astley", metadata.author());
    assertEquals(3_723, metadata.lengthSeconds());
    assertEquals("https://i.ytimg.com/vi/" + ID + "/maxresdefault.jpg", metadata.thumbnailUrl());
    assertEquals(OffsetDateTime.parse("2009-10-25T06:57:33Z"), metadata.publishDate());
    RecordedRequest request = youtube.requests("/youtube/v3/videos").get(0);
    assertEquals(YoutubeEmulator.DATA_API_KEY, request.getHeaders().get("X-Goog-Api-Key"));
    assertNull(request.getUrl().queryParameter("key"), "the key never travels in the URL");
    assertEquals(ID, request.getUrl().queryParameter("id"));
    assertTrue(youtube.requests("/watch").isEmpty(), "the Data API path does not scrape YouTube");
  }

  @Test
  void dataApiQuotaExceeded_isANamedPermanentError() {
    youtube.add(new FakeVideo(ID));
    youtube.quotaExceeded(true);
    YoutubeQuotaExceededException e = assertThrows(YoutubeQuotaExceededException.class, () -> dataApi().fetch(ID));
    assertTrue(e.getMessage().contains("GOOGLE_API_KEY"), e.getMessage());
    assertFalse(e.retryable());
  }

  @Test
  void dataApiWrongKey_saysTheKeyIsInvalidWithoutPrintingIt() {
    youtube.add(new FakeVideo(ID));
    Map<String, String> env = new HashMap<>(youtube.environment());
    env.put("GOOGLE_API_KEY", "wrong-key-123");
    YoutubeRequestRejectedException e = assertThrows(YoutubeRequestRejectedException.class, () -> client(env).fetch(ID));
    assertTrue(e.getMessage().contains("GOOGLE_API_KEY is not a valid"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong-key-123"));
  }

  @Test
  void dataApiUnknownVideo_isUnavailable() {
    assertInstanceOf(VideoUnavailableException.class, assertThrows(RuntimeException.class, () -> dataApi().fetch(ID)));
  }

  @Test
  void dataApi429_isRetryable() {
    youtube.add(new FakeVideo(ID));
    youtube.failNext("/youtube/v3", 429, 1);
    assertThrows(TransientException.class, () -> dataApi().fetch(ID));
  }

  @Test
  void isoDurations_includingDaysAndLiveZero() {
    assertEquals(951, DataApiMetadataClient.durationSeconds("PT15M51S", ID));
    assertEquals(93_784, DataApiMetadataClient.durationSeconds("P1DT2H3M4S", ID));
    assertEquals(0, DataApiMetadataClient.durationSeconds("P0D", ID));
  }
}
