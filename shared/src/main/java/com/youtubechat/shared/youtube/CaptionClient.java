package com.youtubechat.shared.youtube;

import com.youtubechat.shared.error.PoTokenRequiredException;
import com.youtubechat.shared.error.TranscriptsDisabledException;
import com.youtubechat.shared.error.TranslationRefusedException;
import com.youtubechat.shared.error.VideoUnavailableException;
import com.youtubechat.shared.error.YoutubeRequestRejectedException;
import com.youtubechat.shared.transcript.CaptionSegment;
import com.youtubechat.shared.transcript.CaptionXmlParser;
import com.youtubechat.shared.error.VideoUnplayableException;
import com.youtubechat.shared.error.YoutubeChatException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Fetches a video's captions the keyless way: the watch page and one innertube player call (the
 * same flow as the metadata), the track chosen by {@link TrackChoice}, then the timedtext XML,
 * asked for in YouTube's default format (the {@code fmt} the player adds is removed).
 */
public final class CaptionClient {

  /** The parsed captions of one video, with where they came from. */
  public record Captions(String youtubeId, String language, TranscriptSource source, CaptionTrack track,
      List<CaptionSegment> segments) {}

  private final YoutubeWebClient youtube;
  private final List<String> languages;

  private final List<InnertubeClient> clients;

  public CaptionClient(YoutubeWebClient youtube, List<String> languages, List<InnertubeClient> clients) {
    this.youtube = youtube;
    this.languages = List.copyOf(languages);
    this.clients = List.copyOf(clients);
  }

  /** Drops pooled connections (SnapStart: before the snapshot and after each restore). */
  public void resetConnections() {
    youtube.http().evictConnections();
  }

  /**
   * Asks each client in turn while the answer is one another client may not get: unplayable for
   * this client, only gated tracks, or an empty track body. Any other failure (a bot check, no
   * captions at all, a missing language) is the same for every client and ends at once.
   */
  public Captions fetch(String youtubeId) {
    WatchPage page = youtube.watchPage(youtubeId);
    List<String> answers = new ArrayList<>();
    YoutubeChatException last = null;
    for (InnertubeClient client : clients) {
      try {
        return fetch(youtubeId, youtube.player(youtubeId, page, client));
      } catch (PoTokenRequiredException | VideoUnplayableException e) {
        answers.add(client + ": " + e.getMessage());
        last = e;
      }
    }
    if (answers.size() == 1) {
      throw last;
    }
    String tried = "every YouTube client in YOUTUBE_CLIENTS failed for " + youtubeId + ": "
        + String.join(" | ", answers);
    throw last instanceof PoTokenRequiredException
        ? new PoTokenRequiredException(tried, last) : new VideoUnplayableException(tried, last);
  }

  private Captions fetch(String youtubeId, PlayerResponse player) {
    player.assertPlayable(false);
    CaptionTrack.TrackList list = CaptionTrack.from(player);
    if (list.tracks().isEmpty()) {
      throw new TranscriptsDisabledException("YouTube video " + youtubeId + " has no captions (the uploader"
          + " turned them off, or it is a live stream without them): it cannot be made chat-ready");
    }
    TrackChoice choice = TrackChoice.choose(youtubeId, list, languages);
    HttpUrl url = trackUrl(choice, youtubeId);
    String what = "the " + choice.language() + " captions of " + youtubeId;
    boolean translated = choice.translateTo().isPresent();
    YoutubeHttp.Fetched fetched = youtube.http().execute(new Request.Builder().url(url).get().build(), what, true,
        translated);
    if (fetched.code() == 429) {
      // Translations are refused far more often than originals; this IP is not blocked, and there is
      // no untranslated track to fall back on (every one in TRANSCRIPT_LANGUAGES ranks before a translation).
      throw new TranslationRefusedException("YouTube refused to translate the " + choice.track().languageCode()
          + " captions of " + youtubeId + " into '" + choice.language() + "' (HTTP 429; YouTube limits"
          + " translated tracks much more than original ones). Add '" + choice.track().languageCode()
          + "' to TRANSCRIPT_LANGUAGES to use the original track, or run the video again later");
    }
    if (fetched.code() == 404) {
      throw new VideoUnavailableException("YouTube has no caption track at the URL it listed for " + youtubeId
          + " (HTTP 404): the video changed while it was being processed; run it again");
    }
    if (!fetched.ok()) {
      throw new YoutubeRequestRejectedException("YouTube answered HTTP " + fetched.code() + " to " + what);
    }
    if (CaptionXmlParser.isEmptyBody(fetched.body())) {
      // What YouTube sends for a track that needs a PO token; a real track is never empty.
      throw poToken(youtubeId, "YouTube answered the caption request with an empty body");
    }
    return new Captions(youtubeId, choice.language(), choice.source(), choice.track(),
        CaptionXmlParser.parse(fetched.body()));
  }

  private static HttpUrl trackUrl(TrackChoice choice, String youtubeId) {
    HttpUrl base = HttpUrl.parse(choice.track().baseUrl());
    if (base == null) {
      throw new YoutubeRequestRejectedException("YouTube listed a caption track for " + youtubeId
          + " whose URL is not valid");
    }
    HttpUrl.Builder url = base.newBuilder().removeAllQueryParameters("fmt");
    choice.translateTo().ifPresent(tlang -> url.setQueryParameter("tlang", tlang));
    return url.build();
  }

  static PoTokenRequiredException poToken(String youtubeId, String evidence) {
    return new PoTokenRequiredException("YouTube requires a proof-of-origin (PO) token for the captions of "
        + youtubeId + " (" + evidence + "). This client cannot mint one; try other clients in YOUTUBE_CLIENTS"
        + " (or YOUTUBE_CLIENT_NAME / YOUTUBE_CLIENT_VERSION), or a different proxy (YOUTUBE_PROXY_URL)");
  }
}
