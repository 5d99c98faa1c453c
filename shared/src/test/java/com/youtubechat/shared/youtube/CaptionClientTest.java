package com.youtubechat.shared.youtube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.AgeRestrictedException;
import com.youtubechat.shared.error.NoTranscriptException;
import com.youtubechat.shared.error.PoTokenRequiredException;
import com.youtubechat.shared.error.TranscriptsDisabledException;
import com.youtubechat.shared.error.TranslationRefusedException;
import com.youtubechat.shared.error.ProxyAuthenticationException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.error.VideoUnavailableException;
import com.youtubechat.shared.error.VideoUnplayableException;
import com.youtubechat.shared.error.ConfigurationException;
import com.youtubechat.shared.error.YoutubeBotCheckException;
import com.youtubechat.shared.error.YoutubeThrottledException;
import com.youtubechat.emulators.FakeVideo;
import com.youtubechat.emulators.YoutubeEmulator;
import com.youtubechat.shared.transcript.CaptionSegment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaptionClientTest {

  private static final String ID = "dQw4w9WgXcQ";
  private static final String EN = YoutubeEmulator.fixture("captions-classic-en.xml");
  private static final String DE_SRV3 = YoutubeEmulator.fixture("captions-srv3-de.xml");
  private static final String FR = YoutubeEmulator.fixture("captions-classic-fr.xml");

  private final YoutubeEmulator youtube = new YoutubeEmulator();

  @AfterEach
  void stop() {
    youtube.close();
  }

  private CaptionClient client(String languages) {
    Map<String, String> env = new HashMap<>(youtube.environment());
    env.put("TRANSCRIPT_LANGUAGES", languages);
    ConfigReader config = new ConfigReader(env);
    YoutubeSettings settings = YoutubeSettings.read(config);
    config.validate();
    return new CaptionClient(new YoutubeWebClient(settings, new YoutubeHttp(settings)), settings.transcriptLanguages(),
        settings.clients());
  }

  private RecordedRequest timedtextRequest() {
    List<RecordedRequest> requests = youtube.requests("/api/timedtext");
    assertEquals(1, requests.size());
    return requests.get(0);
  }

  @Test
  void manualEnglishTrack_isFetchedInTheDefaultFormatAndParsed() {
    youtube.add(new FakeVideo(ID).track("en", true, EN).track("en", false, EN));

    CaptionClient.Captions captions = client("en").fetch(ID);

    assertEquals("en", captions.language());
    assertEquals(TranscriptSource.MANUAL, captions.source());
    RecordedRequest request = timedtextRequest();
    assertNull(request.getUrl().queryParameter("fmt"), "fmt=srv3 is removed: " + request.getUrl());
    assertNull(request.getUrl().queryParameter("kind"), "the manual track, not the asr one");
    assertEquals(7, captions.segments().size());
    CaptionSegment second = captions.segments().get(1);
    assertEquals("We're no strangers to love", second.text());
    assertEquals(18.64, second.start(), 1e-9);
    assertEquals(3.54, second.duration(), 1e-9);
    assertEquals("You know the rules and so do I", captions.segments().get(2).text());
    assertEquals("I just wanna tell you how I'm feeling", captions.segments().get(5).text());
  }

  @Test
  void languageOrder_beatsManualOverGenerated() {
    youtube.add(new FakeVideo(ID).track("de", true, DE_SRV3).track("en", false, EN));

    CaptionClient.Captions captions = client("de,en").fetch(ID);

    assertEquals("de", captions.language());
    assertEquals(TranscriptSource.GENERATED, captions.source());
    assertEquals("asr", timedtextRequest().getUrl().queryParameter("kind"));
    assertEquals("Wir sind keine Fremden", captions.segments().get(0).text());
    assertEquals(18.64, captions.segments().get(0).start(), 1e-9);
  }

  @Test
  void laterLanguage_isUsedWhenTheFirstIsMissing() {
    youtube.add(new FakeVideo(ID).track("fr", false, FR).track("en", true, EN));
    CaptionClient.Captions captions = client("de,fr,en").fetch(ID);
    assertEquals("fr", captions.language());
    assertEquals(TranscriptSource.MANUAL, captions.source());
  }

  @Test
  void regionalVariant_matchesItsBaseLanguage() {
    youtube.add(new FakeVideo(ID).track("en-GB", false, EN));
    assertEquals("en-GB", client("en").fetch(ID).language());
  }

  @Test
  void noWantedLanguage_translatesTheSpokenLanguageTrackIntoTheFirst() {
    youtube.add(new FakeVideo(ID).track("fr", false, FR).track("de", true, DE_SRV3).translationLanguages("en", "es"));

    CaptionClient.Captions captions = client("en,es").fetch(ID);

    assertEquals("en", captions.language());
    assertEquals(TranscriptSource.TRANSLATED, captions.source());
    assertEquals("de", captions.track().languageCode(), "German is spoken (the generated track is German)");
    HttpUrl url = timedtextRequest().getUrl();
    assertEquals("en", url.queryParameter("tlang"));
    assertEquals("asr", url.queryParameter("kind"));
  }

  @Test
  void spokenLanguage_itsManualTrackIsTheTranslationSource_notTheFirstManualTrack() {
    youtube.add(new FakeVideo(ID).track("de", false, DE_SRV3).track("en", false, EN).track("en", true, EN)
        .translationLanguages("fr"));

    CaptionClient.Captions captions = client("fr").fetch(ID);

    HttpUrl url = timedtextRequest().getUrl();
    assertEquals("en", url.queryParameter("lang"));
    assertNull(url.queryParameter("kind"), "the manual English track: " + url);
    assertEquals("fr", url.queryParameter("tlang"));
    assertEquals(TranscriptSource.TRANSLATED, captions.source());
  }

  @Test
  void frenchIsTranslatedFromTheDefaultSourceTrack() {
    // Neither the first manual track (de) nor the spoken language (en): the player's own choice.
    youtube.add(new FakeVideo(ID).track("de", false, DE_SRV3).track("es", false, EN).track("en", true, EN)
        .translationLanguages("fr").defaultTranslationSource(1));

    CaptionClient.Captions captions = client("fr").fetch(ID);

    HttpUrl url = timedtextRequest().getUrl();
    assertEquals("es", url.queryParameter("lang"));
    assertEquals("fr", url.queryParameter("tlang"));
    assertEquals("fr", captions.language());
    assertEquals("es", captions.track().languageCode());
  }

  @Test
  void frenchIsTranslatedFromTheDefaultAudioTracksCaptionTrack_whenTheRendererNamesNoSource() {
    youtube.add(new FakeVideo(ID).track("de", false, DE_SRV3).track("es", false, EN).track("en", true, EN)
        .translationLanguages("fr").audioTrackDefaultCaption(1));

    client("fr").fetch(ID);

    assertEquals("es", timedtextRequest().getUrl().queryParameter("lang"));
  }

  @Test
  void gatedManualTrackWithACleanGeneratedOne_succeedsWithoutASecondPlayerCall() {
    youtube.add(new FakeVideo(ID).gatedTrack("en", false, EN).track("en", true, EN));

    CaptionClient.Captions captions = client("en").fetch(ID);

    assertEquals(TranscriptSource.GENERATED, captions.source());
    assertEquals(7, captions.segments().size());
    assertEquals(List.of("/watch", "/youtubei/v1/player", "/api/timedtext"),
        youtube.requests().stream().map(r -> r.getUrl().encodedPath()).toList());
    HttpUrl url = timedtextRequest().getUrl();
    assertEquals("asr", url.queryParameter("kind"));
    assertNull(url.queryParameter("exp"), "the clean URL: " + url);
  }

  @Test
  void gatedTrackInTheWantedLanguage_withACleanTranslatableOne_isTranslated() {
    youtube.add(new FakeVideo(ID).gatedTrack("en", false, EN).track("de", false, DE_SRV3).translationLanguages("en"));

    CaptionClient.Captions captions = client("en").fetch(ID);

    assertEquals(TranscriptSource.TRANSLATED, captions.source());
    HttpUrl url = timedtextRequest().getUrl();
    assertEquals("de", url.queryParameter("lang"));
    assertEquals("en", url.queryParameter("tlang"));
  }

  @Test
  void everyUsableTrackGated_isPoTokenRequiredWithoutFetchingAny() {
    youtube.add(new FakeVideo(ID).gatedTrack("en", false, EN).gatedTrack("en", true, EN).track("de", false, DE_SRV3));

    PoTokenRequiredException e = assertThrows(PoTokenRequiredException.class, () -> client("en").fetch(ID));

    assertTrue(e.getMessage().contains("en manual, en generated"), e.getMessage());
    assertTrue(youtube.requests("/api/timedtext").isEmpty());
  }

  @Test
  void videoWhoseAndroidAnswerIsGated_succeedsThroughIos() {
    youtube.add(new FakeVideo(ID).track("en", false, EN)
        .forClient("ANDROID", new FakeVideo(ID).gatedTrack("en", false, EN)));

    CaptionClient.Captions captions = client("en").fetch(ID);

    assertEquals(7, captions.segments().size());
    assertEquals(List.of("/watch", "/youtubei/v1/player", "/youtubei/v1/player", "/api/timedtext"),
        youtube.requests().stream().map(r -> r.getUrl().encodedPath()).toList(), "one watch page for both clients");
    List<RecordedRequest> players = youtube.requests("/youtubei/v1/player");
    assertEquals(List.of("ANDROID", "IOS"), players.stream().map(CaptionClientTest::clientName).toList());
    assertTrue(players.get(0).getHeaders().get("User-Agent").startsWith("com.google.android.youtube/20.10.38 "),
        players.get(0).getHeaders().toString());
    assertTrue(players.get(1).getHeaders().get("User-Agent").startsWith("com.google.ios.youtube/20.10.4 "),
        players.get(1).getHeaders().toString());
    assertTrue(players.get(1).getBody().utf8().contains("\"deviceModel\":\"iPhone16,2\""), players.get(1).getBody().utf8());
    assertNull(timedtextRequest().getUrl().queryParameter("exp"));
  }

  @Test
  void emptyCaptionBodyForAndroid_isFetchedAgainThroughIos() {
    youtube.add(new FakeVideo(ID).track("en", false, EN).emptyCaptionsFor("ANDROID"));

    CaptionClient.Captions captions = client("en").fetch(ID);

    assertEquals(7, captions.segments().size());
    assertEquals(List.of("/watch", "/youtubei/v1/player", "/api/timedtext", "/youtubei/v1/player", "/api/timedtext"),
        youtube.requests().stream().map(r -> r.getUrl().encodedPath()).toList());
    assertEquals(List.of("ANDROID", "IOS"), youtube.requests("/api/timedtext").stream()
        .map(r -> r.getUrl().queryParameter("c")).toList(), "the second body comes from IOS's track URL");
  }

  @Test
  void everyClientFailing_isReportedWithEachClientAndWhatItAnswered() {
    youtube.add(new FakeVideo(ID).track("en", false, EN)
        .forClient("ANDROID", new FakeVideo(ID).gatedTrack("en", false, EN))
        .forClient("IOS", new FakeVideo(ID).track("en", false, EN)
            .playability("UNPLAYABLE", "Video unavailable", "The page needs to be reloaded.")));

    VideoUnplayableException e = assertThrows(VideoUnplayableException.class, () -> client("en").fetch(ID));

    String message = e.getMessage();
    assertTrue(message.contains("ANDROID/20.10.38: ") && message.contains("exp=xpe"), message);
    assertTrue(message.contains("IOS/20.10.4: ") && message.contains("The page needs to be reloaded."), message);
    assertEquals(2, youtube.requests("/youtubei/v1/player").size());
    assertTrue(youtube.requests("/api/timedtext").isEmpty());
  }

  @Test
  void youtubeClients_setTheOrder_andTheOldClientSettingsOverrideTheFirst() {
    youtube.add(new FakeVideo(ID).track("en", false, EN).forClient("IOS", new FakeVideo(ID).gatedTrack("en", false, EN)));
    Map<String, String> env = new HashMap<>(youtube.environment());
    env.put("YOUTUBE_CLIENTS", "IOS,ANDROID");
    env.put("YOUTUBE_CLIENT_VERSION", "21.0.1");
    ConfigReader config = new ConfigReader(env);
    YoutubeSettings settings = YoutubeSettings.read(config);
    config.validate();

    new CaptionClient(new YoutubeWebClient(settings, new YoutubeHttp(settings)), List.of("en"), settings.clients())
        .fetch(ID);

    List<RecordedRequest> players = youtube.requests("/youtubei/v1/player");
    assertEquals(List.of("IOS", "ANDROID"), players.stream().map(CaptionClientTest::clientName).toList());
    assertTrue(players.get(0).getBody().utf8().contains("\"clientVersion\":\"21.0.1\""), players.get(0).getBody().utf8());
    assertTrue(players.get(0).getHeaders().get("User-Agent").startsWith("com.google.ios.youtube/21.0.1 "));
    assertTrue(players.get(1).getBody().utf8().contains("\"clientVersion\":\"20.10.38\""));
  }

  @Test
  void unknownClientInYoutubeClients_isAConfigurationProblem() {
    ConfigReader config = new ConfigReader(Map.of("YOUTUBE_CLIENTS", "ANDROID,NOKIA"));
    YoutubeSettings.read(config);
    ConfigurationException e = assertThrows(ConfigurationException.class, config::validate);
    assertTrue(e.getMessage().contains("YOUTUBE_CLIENTS") && e.getMessage().contains("NOKIA"), e.getMessage());
  }

  private static String clientName(RecordedRequest request) {
    try {
      return com.youtubechat.shared.json.Json.MAPPER.readTree(request.getBody().utf8())
          .path("context").path("client").path("clientName").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void http429OnATranslation_isTranslationRefused_notAnIpBlock() {
    youtube.add(new FakeVideo(ID).track("de", false, DE_SRV3).translationLanguages("en").translationsRateLimited());

    TranslationRefusedException e = assertThrows(TranslationRefusedException.class, () -> client("en").fetch(ID));

    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("Add 'de' to TRANSCRIPT_LANGUAGES"), e.getMessage());
    assertFalse(e.getMessage().contains("YOUTUBE_PROXY_URL"), "no proxy hint: the IP is not blocked");
    assertEquals("en", timedtextRequest().getUrl().queryParameter("tlang"));
  }

  @Test
  void noMatchAndNoTranslation_listsTheLanguagesTheVideoHas() {
    youtube.add(new FakeVideo(ID).track("fr", false, FR).track("de", true, DE_SRV3));
    NoTranscriptException e = assertThrows(NoTranscriptException.class, () -> client("en,es").fetch(ID));
    assertTrue(e.getMessage().contains("manual fr (French)"), e.getMessage());
    assertTrue(e.getMessage().contains("generated de (German (auto-generated))"), e.getMessage());
    assertTrue(e.getMessage().contains("TRANSCRIPT_LANGUAGES"), e.getMessage());
    assertTrue(youtube.requests("/api/timedtext").isEmpty());
  }

  @Test
  void noTracks_isTranscriptsDisabled() {
    youtube.add(new FakeVideo(ID));
    assertThrows(TranscriptsDisabledException.class, () -> client("en").fetch(ID));
  }

  @Test
  void poTokenTrackUrl_isReportedAsSuchWithoutFetchingIt() {
    youtube.add(new FakeVideo(ID).track(new FakeVideo.Track("en", "English", false, true, EN, true)));
    PoTokenRequiredException e = assertThrows(PoTokenRequiredException.class, () -> client("en").fetch(ID));
    assertTrue(e.getMessage().contains("exp=xpe"), e.getMessage());
    assertTrue(youtube.requests("/api/timedtext").isEmpty());
  }

  @Test
  void emptyCaptionBody_isReportedAsAPoTokenProblemNotAsNoCaptions() {
    youtube.add(new FakeVideo(ID).track("en", false, ""));
    PoTokenRequiredException e = assertThrows(PoTokenRequiredException.class, () -> client("en").fetch(ID));
    assertTrue(e.getMessage().contains("empty body"), e.getMessage());
  }

  @Test
  void euConsentPage_isAnsweredBeforeTheCaptionsAreFetched() {
    youtube.add(new FakeVideo(ID).track("en", false, EN));
    youtube.consentWall(true);
    assertEquals(7, client("en").fetch(ID).segments().size());
  }

  @Test
  void botCheckWithoutAProxy_isPermanentAfterOnePlayerCall_andNamesTheProxyFix() {
    youtube.add(new FakeVideo(ID).track("en", false, EN)
        .playability("LOGIN_REQUIRED", "Sign in to confirm you’re not a bot", null));

    YoutubeBotCheckException e = assertThrows(YoutubeBotCheckException.class, () -> client("en").fetch(ID));

    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("no proxy is configured") && e.getMessage().contains("YOUTUBE_PROXY_URL"),
        e.getMessage());
    assertEquals(1, youtube.requests("/youtubei/v1/player").size());
    assertEquals(0, youtube.requests("/api/timedtext").size());
  }

  @Test
  void botCheckThroughAProxy_isRetryable_aRotatingProxyGivesAnotherIp() {
    youtube.add(new FakeVideo(ID).track("en", false, EN)
        .playability("LOGIN_REQUIRED", "Sign in to confirm you’re not a bot", null));

    TransientException e = assertThrows(TransientException.class, () -> throughTheEmulatorAsProxy("u:p").fetch(ID));

    assertTrue(e.getMessage().contains("through YOUTUBE_PROXY_URL"), e.getMessage());
  }

  @Test
  void captchaWithoutAProxy_isPermanent_throughAProxyRetryable() {
    youtube.add(new FakeVideo(ID).track("en", false, EN));
    youtube.captcha(true);

    YoutubeBotCheckException direct = assertThrows(YoutubeBotCheckException.class, () -> client("en").fetch(ID));
    assertTrue(direct.getMessage().contains("captcha"), direct.getMessage());
    assertThrows(TransientException.class, () -> throughTheEmulatorAsProxy("u:p").fetch(ID));
    assertEquals(0, youtube.requests("/youtubei/v1/player").size(), "a captcha page stops before the player");
  }

  @Test
  void contentNotAvailableTryAgainLater_isAThrottleRetriedPatiently() {
    youtube.add(new FakeVideo(ID).track("en", false, EN)
        .playability("UNPLAYABLE", "This content isn't available, try again later", null));

    YoutubeThrottledException e = assertThrows(YoutubeThrottledException.class, () -> client("en").fetch(ID));

    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains("up to about an hour"), e.getMessage());
    assertEquals(0, youtube.requests("/api/timedtext").size());
  }

  @Test
  void http429OnTheCaptionTrack_isRetryableAndNamesTheProxyFix() {
    youtube.add(new FakeVideo(ID).track("en", false, EN));
    youtube.failNext("/api/timedtext", 429, 1);
    TransientException e = assertThrows(TransientException.class, () -> client("en").fetch(ID));
    assertTrue(e.getMessage().contains("HTTP 429") && e.getMessage().contains("YOUTUBE_PROXY_URL"), e.getMessage());
  }

  @Test
  void privateVideo_isUnavailable() {
    youtube.add(new FakeVideo(ID).track("en", false, EN).playability("LOGIN_REQUIRED", "This video is private", null));
    assertThrows(VideoUnavailableException.class, () -> client("en").fetch(ID));
  }

  @Test
  void ageRestrictedVideo_isNamedForTheTranscriptStep() {
    youtube.add(new FakeVideo(ID).track("en", false, EN)
        .playability("LOGIN_REQUIRED", "This video may be inappropriate for some users.", null));
    AgeRestrictedException e = assertThrows(AgeRestrictedException.class, () -> client("en").fetch(ID));
    assertFalse(e.retryable());
  }

  @Test
  void proxyUrl_carriesEveryRequestWithItsCredentials() {
    youtube.add(new FakeVideo(ID).track("en", false, EN));
    youtube.requireProxyAuthorization("proxyuser:s3cret");
    CaptionClient proxied = throughTheEmulatorAsProxy("proxyuser:s3cret");

    assertEquals(7, proxied.fetch(ID).segments().size());

    List<RecordedRequest> requests = youtube.requests();
    assertTrue(requests.stream().anyMatch(r -> r.getHeaders().get("Proxy-Authorization") == null),
        "the proxy challenged first (407), then the client answered with the credentials");
    RecordedRequest watch = requests.stream().filter(r -> r.getHeaders().get("Proxy-Authorization") != null).findFirst()
        .orElseThrow();
    assertEquals("www.youtube.com", watch.getUrl().host(), "the proxy is asked for YouTube's own URL");
    for (String path : List.of("/youtubei", "/api/timedtext")) {
      List<RecordedRequest> through = requests.stream().filter(r -> r.getUrl().encodedPath().startsWith(path)).toList();
      assertFalse(through.isEmpty(), path);
      // OkHttp answers a plain-HTTP proxy's 407 challenge per request; over HTTPS it authenticates the
      // CONNECT tunnel preemptively. Either way the request that got through carried the credentials.
      assertTrue(through.stream().anyMatch(r -> r.getHeaders().get("Proxy-Authorization") != null), path);
    }
  }

  @Test
  void proxyRefusingTheCredentials_isAPermanentErrorNamingTheSetting() {
    youtube.add(new FakeVideo(ID).track("en", false, EN));
    youtube.requireProxyAuthorization("proxyuser:s3cret");
    CaptionClient proxied = throughTheEmulatorAsProxy("proxyuser:wrong");

    ProxyAuthenticationException e = assertThrows(ProxyAuthenticationException.class, () -> proxied.fetch(ID));

    assertFalse(e.retryable());
    assertTrue(e.getMessage().startsWith("The proxy refused the credentials in YOUTUBE_PROXY_URL (HTTP 407)"),
        e.getMessage());
    assertFalse(e.getMessage().contains("wrong") || e.getMessage().contains("s3cret"), "no password: " + e.getMessage());
  }

  /** A client whose YOUTUBE_PROXY_URL is the emulator, with these credentials ("user:password"). */
  private CaptionClient throughTheEmulatorAsProxy(String credentials) {
    Map<String, String> env = new HashMap<>();
    // The real host name: with a proxy, the client never resolves it, the proxy does.
    env.put("YOUTUBE_BASE_URL", "http://www.youtube.com");
    env.put("YOUTUBE_PROXY_URL", "http://" + credentials + "@127.0.0.1:" + youtube.baseUrl().replaceAll(".*:", ""));
    ConfigReader config = new ConfigReader(env);
    YoutubeSettings settings = YoutubeSettings.read(config);
    config.validate();
    return new CaptionClient(new YoutubeWebClient(settings, new YoutubeHttp(settings)), List.of("en"), settings.clients());
  }

  @Test
  void malformedLanguageList_isAConfigurationProblem() {
    ConfigReader config = new ConfigReader(Map.of("TRANSCRIPT_LANGUAGES", "en,,english!"));
    YoutubeSettings.read(config);
    assertEquals(1, config.problems().size());
    assertTrue(config.problems().get(0).startsWith("TRANSCRIPT_LANGUAGES"));
  }
}
