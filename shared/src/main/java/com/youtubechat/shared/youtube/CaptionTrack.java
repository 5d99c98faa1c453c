package com.youtubechat.shared.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * One caption track from the player response. {@code generated} is YouTube's speech recognition
 * ({@code kind == "asr"}); anything else was written by a person.
 */
public record CaptionTrack(String languageCode, String name, boolean generated, boolean translatable, String baseUrl) {

  /**
   * The tracks, the languages YouTube can translate them into, and the track YouTube itself
   * translates from, when the player names one.
   */
  public record TrackList(List<CaptionTrack> tracks, List<String> translationLanguages,
      Optional<CaptionTrack> defaultTranslationSource) {

    public TrackList(List<CaptionTrack> tracks, List<String> translationLanguages) {
      this(tracks, translationLanguages, Optional.empty());
    }
  }

  /**
   * Whether the URL is marked as needing a proof-of-origin token ({@code exp=xpe} or {@code xpv}):
   * such a URL answers 200 with an empty body, so it is not worth a request.
   */
  public boolean gated() {
    HttpUrl url = HttpUrl.parse(baseUrl);
    String exp = url == null ? null : url.queryParameter("exp");
    return exp != null && (exp.contains("xpe") || exp.contains("xpv"));
  }

  static TrackList from(PlayerResponse player) {
    JsonNode renderer = player.root().path("captions").path("playerCaptionsTracklistRenderer");
    List<CaptionTrack> tracks = new ArrayList<>();
    // The player's indices count every captionTracks entry, including any skipped here.
    Map<Integer, CaptionTrack> byIndex = new HashMap<>();
    int index = 0;
    for (JsonNode node : renderer.path("captionTracks")) {
      int position = index++;
      String baseUrl = node.path("baseUrl").asText("");
      String code = node.path("languageCode").asText("");
      if (baseUrl.isEmpty() || code.isEmpty()) {
        continue;
      }
      CaptionTrack track = new CaptionTrack(code, PlayerResponse.text(node.path("name")),
          "asr".equals(node.path("kind").asText()), node.path("isTranslatable").asBoolean(false), baseUrl);
      tracks.add(track);
      byIndex.put(position, track);
    }
    List<String> translations = new ArrayList<>();
    renderer.path("translationLanguages").forEach(lang -> {
      String code = lang.path("languageCode").asText("");
      if (!code.isEmpty()) {
        translations.add(code);
      }
    });
    return new TrackList(List.copyOf(tracks), List.copyOf(translations),
        defaultSourceIndex(renderer).map(byIndex::get));
  }

  /**
   * {@code defaultTranslationSourceTrackIndices}, else the default audio track's
   * {@code defaultCaptionTrackIndex}: where YouTube's own player translates from.
   */
  private static Optional<Integer> defaultSourceIndex(JsonNode renderer) {
    JsonNode indices = renderer.path("defaultTranslationSourceTrackIndices");
    if (indices.isArray() && !indices.isEmpty() && indices.get(0).canConvertToInt()) {
      return Optional.of(indices.get(0).asInt());
    }
    JsonNode audio = renderer.path("audioTracks").path(renderer.path("defaultAudioTrackIndex").asInt(0));
    JsonNode caption = audio.path("defaultCaptionTrackIndex");
    return caption.canConvertToInt() ? Optional.of(caption.asInt()) : Optional.empty();
  }
}
