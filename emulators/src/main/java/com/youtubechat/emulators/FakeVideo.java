package com.youtubechat.emulators;

import java.util.ArrayList;
import java.util.List;

/**
 * A video the YouTube emulator serves, with the knobs tests turn: playability, metadata and
 * caption tracks. Defaults describe an ordinary public video with an English manual track.
 */
public final class FakeVideo {

  /** A caption track: language, whether YouTube generated it (kind=asr), and the XML it serves. */
  public record Track(String languageCode, String name, boolean generated, boolean translatable,
      String body, boolean needsPoToken) {}

  final String id;
  String title = "Never Gonna Give You Up";
  String description = "The official video for “Never Gonna Give You Up” by Rick Astley.";
  String author = "Rick Astley";
  long lengthSeconds = 213;
  /** The watch page's microformat publishDate (WEB, with offset). */
  String publishDate = "2009-10-24T23:57:33-07:00";
  /** The Data API's snippet.publishedAt (UTC). */
  String publishedAt = "2009-10-25T06:57:33Z";
  String status = "OK";
  String reason;
  String subreason;
  final List<Track> tracks = new ArrayList<>();
  final List<String> translationLanguages = new ArrayList<>();
  /** The renderer's defaultTranslationSourceTrackIndices[0], when set. */
  Integer defaultTranslationSource;
  /** The default audio track's defaultCaptionTrackIndex, when set. */
  Integer audioTrackDefaultCaption;
  /** Translated (tlang) caption requests get 429, as YouTube answers them far more often than others. */
  boolean translationsRateLimited;
  final java.util.Set<String> emptyCaptionsFor = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** What the player answers a given innertube client (by clientName) instead of this description. */
  final java.util.Map<String, FakeVideo> clientAnswers = new java.util.concurrent.ConcurrentHashMap<>();

  public FakeVideo(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public FakeVideo title(String value) { this.title = value; return this; }
  public FakeVideo description(String value) { this.description = value; return this; }
  public FakeVideo author(String value) { this.author = value; return this; }
  public FakeVideo lengthSeconds(long value) { this.lengthSeconds = value; return this; }

  public FakeVideo publishDate(String watchPageDate, String dataApiDate) {
    this.publishDate = watchPageDate;
    this.publishedAt = dataApiDate;
    return this;
  }

  /** Playability as the player reports it, e.g. ("UNPLAYABLE", "Video unavailable", "The uploader..."). */
  public FakeVideo playability(String newStatus, String newReason, String newSubreason) {
    this.status = newStatus;
    this.reason = newReason;
    this.subreason = newSubreason;
    return this;
  }

  public FakeVideo track(String languageCode, boolean generated, String body) {
    return track(new Track(languageCode, languageName(languageCode) + (generated ? " (auto-generated)" : ""),
        generated, true, body, false));
  }

  /** A track whose URL carries exp=xpe: it answers an empty 200 without a PO token. */
  public FakeVideo gatedTrack(String languageCode, boolean generated, String body) {
    return track(new Track(languageCode, languageName(languageCode) + (generated ? " (auto-generated)" : ""),
        generated, true, body, true));
  }

  /** The player names track {@code index} (in the order added) as its default translation source. */
  public FakeVideo defaultTranslationSource(int index) {
    this.defaultTranslationSource = index;
    return this;
  }

  /** The default audio track names track {@code index} as its default caption track. */
  public FakeVideo audioTrackDefaultCaption(int index) {
    this.audioTrackDefaultCaption = index;
    return this;
  }

  /**
   * The player answers {@code clientName} as {@code answer} describes (its playability and tracks);
   * other clients get this description. {@code answer} has this video's id; caption bodies are
   * served from this description's tracks.
   */
  public FakeVideo forClient(String clientName, FakeVideo answer) {
    clientAnswers.put(clientName, answer);
    return this;
  }

  /** Caption bodies come back empty (200, no text) from the track URLs given to {@code clientName}. */
  public FakeVideo emptyCaptionsFor(String clientName) {
    emptyCaptionsFor.add(clientName);
    return this;
  }

  public FakeVideo translationsRateLimited() {
    this.translationsRateLimited = true;
    return this;
  }

  public FakeVideo track(Track track) {
    tracks.add(track);
    return this;
  }

  public FakeVideo noTracks() {
    tracks.clear();
    return this;
  }

  public FakeVideo translationLanguages(String... codes) {
    translationLanguages.addAll(List.of(codes));
    return this;
  }

  static String languageName(String code) {
    return switch (code) {
      case "en" -> "English";
      case "de" -> "German";
      case "fr" -> "French";
      case "es" -> "Spanish";
      case "ja" -> "Japanese";
      default -> code;
    };
  }
}
