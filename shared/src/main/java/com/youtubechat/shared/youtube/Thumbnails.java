package com.youtubechat.shared.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Picks the largest thumbnail from YouTube's thumbnail lists. */
final class Thumbnails {

  private Thumbnails() {}

  /** The URL of the largest {@code {url,width,height}} entry across the given arrays, or null. */
  static String largest(List<JsonNode> thumbnailArrays) {
    String best = null;
    long bestArea = -1;
    for (JsonNode array : thumbnailArrays) {
      for (JsonNode thumbnail : array) {
        String url = thumbnail.path("url").asText("");
        long area = thumbnail.path("width").asLong(0) * thumbnail.path("height").asLong(0);
        if (!url.isEmpty() && area > bestArea) {
          best = url;
          bestArea = area;
        }
      }
    }
    return best;
  }

  /** The thumbnail every video has, at a deterministic URL. */
  static String fallback(String youtubeId) {
    return "https://i.ytimg.com/vi/" + youtubeId + "/hqdefault.jpg";
  }
}
