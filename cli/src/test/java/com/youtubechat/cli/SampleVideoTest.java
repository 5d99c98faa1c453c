package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.transcript.CaptionSegment;
import com.youtubechat.shared.transcript.CaptionXmlParser;
import com.youtubechat.shared.transcript.Chunker;
import com.youtubechat.shared.transcript.ChunkerSettings;
import com.youtubechat.shared.transcript.TranscriptChunk;
import com.youtubechat.shared.youtube.VideoIds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's bundled video: a talk long enough for several chunks, served in YouTube's caption format. */
class SampleVideoTest {

  private final SampleVideo sample = SampleVideo.load();

  @Test
  void sample_hasMetadataAndBetween60And120CaptionLines() {
    assertTrue(VideoIds.isValidId(sample.youtubeId()), sample.youtubeId());
    assertTrue(RecordIds.SHAPE.matcher(SampleVideo.RECORD_ID).matches(), SampleVideo.RECORD_ID);
    assertEquals("The Quiet Physics of a Cup of Tea", sample.title());
    assertEquals("Kitchen Table Science", sample.author());
    assertTrue(sample.description().contains("made up"), "says it is not a real video");
    assertTrue(sample.lines().size() >= 60 && sample.lines().size() <= 120, "lines: " + sample.lines().size());
    assertTrue(sample.lines().stream().noneMatch(line -> line.startsWith("#") || line.isBlank()));
  }

  @Test
  void captions_parseBackToTheLinesInOrder_withApostrophesUnescaped() {
    List<CaptionSegment> segments = CaptionXmlParser.parse(sample.captionsXml());
    assertEquals(sample.lines(), segments.stream().map(CaptionSegment::text).toList());
    assertTrue(sample.captionsXml().contains("Let&amp;#39;s start"), "YouTube's double escaping of apostrophes");
    for (int i = 1; i < segments.size(); i++) {
      assertTrue(segments.get(i).start() >= segments.get(i - 1).end(), "cues do not overlap at " + i);
    }
    assertTrue(sample.lengthSeconds() > segments.getLast().end());
  }

  @Test
  void captions_makeSeveralChunksWithTheDefaultSettings() {
    List<TranscriptChunk> chunks = new Chunker(ChunkerSettings.defaults())
        .chunk(CaptionXmlParser.parse(sample.captionsXml()));
    assertTrue(chunks.size() >= 4 && chunks.size() <= 12, "chunks: " + chunks.size());
  }
}
