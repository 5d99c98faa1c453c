package com.youtubechat.shared.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One caption track from the player response. {@code generated} is YouTube's speech recognition
 * ({@code kind == "asr"}); anything else was written by a person.
 */
public record CaptionTrack(String languageCode, String name, boolean generated, boolean translatable, String baseUrl) {

  /** The tracks and the languages YouTube can translate them into. */
  public record TrackList(List<CaptionTrack> tracks, List<String> translationLanguages) {}

  static TrackList from(PlayerResponse player) {
    JsonNode renderer = player.root().path("captions").path("playerCaptionsTracklistRenderer");
    List<CaptionTrack> tracks = new ArrayList<>();
    for (JsonNode node : renderer.path("captionTracks")) {
      String baseUrl = node.path("baseUrl").asText("");
      String code = node.path("languageCode").asText("");
      if (baseUrl.isEmpty() || code.isEmpty()) {
        continue;
      }
      tracks.add(new CaptionTrack(code, PlayerResponse.text(node.path("name")),
          "asr".equals(node.path("kind").asText()), node.path("isTranslatable").asBoolean(false), baseUrl));
    }
    List<String> translations = new ArrayList<>();
    renderer.path("translationLanguages").forEach(lang -> {
      String code = lang.path("languageCode").asText("");
      if (!code.isEmpty()) {
        translations.add(code);
      }
    });
    return new TrackList(List.copyOf(tracks), List.copyOf(translations));
  }
}
