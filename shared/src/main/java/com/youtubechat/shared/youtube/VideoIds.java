package com.youtubechat.shared.youtube;

import com.youtubechat.shared.error.Echo;
import com.youtubechat.shared.error.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the record's {@code youtubeId} or {@code url} into an 11-character YouTube id, refusing
 * anything else before a single request is made. Accepts every URL form YouTube hands out: watch
 * pages (with {@code v=} anywhere in the query or in a {@code #!v=} fragment), youtu.be, shorts,
 * embed, live, v and e paths, on youtube.com and youtube-nocookie.com and any of their subdomains.
 */
public final class VideoIds {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{11}");
  private static final Pattern PATH_FORMS =
      Pattern.compile("^/(?:shorts|embed|live|v|e)/([^/?#]+)/?$");

  /** Path words that happen to be 11 characters long but name playlists and channels' streams. */
  private static final java.util.Set<String> NOT_VIDEOS = java.util.Set.of("videoseries", "live_stream");

  private VideoIds() {}

  public static boolean isValidId(String candidate) {
    return candidate != null && ID.matcher(candidate).matches();
  }

  /** The YouTube id: {@code youtubeId} when given, otherwise parsed from {@code url}. */
  public static String resolve(String youtubeId, String url) {
    if (youtubeId != null && !youtubeId.isBlank()) {
      String id = youtubeId.strip();
      if (!isValidId(id)) {
        throw new InvalidInputException("youtubeId '" + Echo.of(id)
            + "' is not a YouTube video id: expected 11 characters from A-Z, a-z, 0-9, '_' and '-'");
      }
      return id;
    }
    if (url == null || url.isBlank()) {
      throw new InvalidInputException(
          "the video record has neither 'youtubeId' nor 'url': one of them must name the YouTube video");
    }
    return fromUrl(url.strip());
  }

  /** Parses a YouTube URL (or a bare id) into its video id. */
  public static String fromUrl(String url) {
    if (isValidId(url)) {
      return url;
    }
    return parse(url).orElseThrow(() -> new InvalidInputException("url '" + Echo.of(url)
        + "' is not a YouTube video URL: expected e.g. https://www.youtube.com/watch?v=<11-character id>"
        + " or https://youtu.be/<id>"));
  }

  private static Optional<String> parse(String raw) {
    URI uri;
    try {
      uri = new URI(raw.contains("://") ? raw : "https://" + raw);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return Optional.empty();
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (host.equals("youtu.be") || host.equals("www.youtu.be")) {
      return validated(path.startsWith("/") ? stripTrailingSlash(path.substring(1)) : "");
    }
    if (!isYoutubeHost(host)) {
      return Optional.empty();
    }
    if (path.equals("/watch") || path.equals("/watch/") || path.isEmpty() || path.equals("/")) {
      Optional<String> fromQuery = queryParameter(uri.getRawQuery(), "v");
      if (fromQuery.isPresent()) {
        return validated(fromQuery.get());
      }
      return fromFragment(uri.getRawFragment());
    }
    var matcher = PATH_FORMS.matcher(path);
    if (matcher.matches() && !NOT_VIDEOS.contains(matcher.group(1))) {
      return validated(matcher.group(1));
    }
    return Optional.empty();
  }

  private static Optional<String> fromFragment(String fragment) {
    if (fragment == null) {
      return Optional.empty();
    }
    // "#!v=ID" and "#/watch?v=ID"
    String query = fragment.contains("?") ? fragment.substring(fragment.indexOf('?') + 1)
        : fragment.startsWith("!") ? fragment.substring(1) : fragment;
    return queryParameter(query, "v").flatMap(VideoIds::validated);
  }

  private static boolean isYoutubeHost(String host) {
    return host.equals("youtube.com") || host.endsWith(".youtube.com")
        || host.equals("youtube-nocookie.com") || host.endsWith(".youtube-nocookie.com");
  }

  private static Optional<String> queryParameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return Optional.empty();
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return Optional.of(java.net.URLDecoder.decode(pair.substring(eq + 1),
            java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> validated(String candidate) {
    return isValidId(candidate) ? Optional.of(candidate) : Optional.empty();
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
