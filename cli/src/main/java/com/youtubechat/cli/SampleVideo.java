package com.youtubechat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.emulators.FakeVideo;
import com.youtubechat.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's video: made-up metadata ({@code demo/sample-video.json}) and a short talk, one caption
 * line per line ({@code demo/sample-talk.en.txt}). Each line is timed by its length (about 2.6
 * words a second, as people speak in talks) and served as YouTube's classic timedtext XML, with
 * YouTube's double escaping of apostrophes ({@code &amp;#39;}).
 */
record SampleVideo(String youtubeId, String title, String author, String description, String publishDate,
    String publishedAt, String language, List<String> lines) {

  /** The demo row's id: Xata's shape, obviously not a real record. */
  static final String RECORD_ID = "rec_demo0000000000000000";
  private static final double WORDS_PER_SECOND = 2.6;
  private static final double MIN_SECONDS = 1.6;
  private static final double PAUSE_SECONDS = 0.3;

  SampleVideo {
    lines = List.copyOf(lines);
  }

  static SampleVideo load() {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(resource("sample-video.json"));
    } catch (IOException e) {
      throw new UncheckedIOException("demo/sample-video.json is not JSON", e);
    }
    List<String> lines = resource(json.path("captionsFile").asText()).lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
    return new SampleVideo(json.path("youtubeId").asText(), json.path("title").asText(),
        json.path("author").asText(), json.path("description").asText(), json.path("publishDate").asText(),
        json.path("publishedAt").asText(), json.path("captionsLanguage").asText(), lines);
  }

  private static String resource(String name) {
    try (InputStream in = SampleVideo.class.getResourceAsStream("/demo/" + name)) {
      if (in == null) {
        throw new IllegalStateException("demo/" + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read demo/" + name, e);
    }
  }

  String url() {
    return "https://www.youtube.com/watch?v=" + youtubeId;
  }

  /** The caption track as YouTube's timedtext endpoint serves it (format 1, "classic"). */
  String captionsXml() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\" ?><transcript>");
    for (Cue cue : cues()) {
      xml.append(String.format(Locale.ROOT, "<text start=\"%.2f\" dur=\"%.2f\">", cue.start(), cue.duration()))
          .append(xmlEscape(htmlEscape(cue.text()))).append("</text>");
    }
    return xml.append("</transcript>").toString();
  }

  /** From the first word to a few seconds after the last line. */
  long lengthSeconds() {
    List<Cue> cues = cues();
    Cue last = cues.getLast();
    return (long) Math.ceil(last.start() + last.duration()) + 4;
  }

  FakeVideo fake() {
    return new FakeVideo(youtubeId).title(title).author(author).description(description)
        .lengthSeconds(lengthSeconds()).publishDate(publishDate, publishedAt)
        .track(language, false, captionsXml());
  }

  record Cue(double start, double duration, String text) {}

  List<Cue> cues() {
    List<Cue> cues = new ArrayList<>();
    double start = 1.2; // a breath before the first words
    for (String line : lines) {
      double duration = Math.max(MIN_SECONDS, line.split("\\s+").length / WORDS_PER_SECOND);
      duration = Math.round(duration * 100) / 100.0;
      cues.add(new Cue(start, duration, line));
      start = Math.round((start + duration + PAUSE_SECONDS) * 100) / 100.0;
    }
    return cues;
  }

  private static String htmlEscape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static String xmlEscape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
