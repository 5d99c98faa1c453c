package com.youtubechat.transcript;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.lambda.PrimedService;
import com.youtubechat.shared.lambda.Warmup;
import com.youtubechat.shared.error.TranscriptsDisabledException;
import com.youtubechat.shared.model.VideoRecord;
import com.youtubechat.shared.transcript.CaptionSegment;
import com.youtubechat.shared.transcript.CaptionXmlParser;
import com.youtubechat.shared.transcript.Chunker;
import com.youtubechat.shared.transcript.ChunkerSettings;
import com.youtubechat.shared.transcript.StoredTranscript;
import com.youtubechat.shared.transcript.TranscriptChunk;
import com.youtubechat.shared.xata.VideoStore;
import com.youtubechat.shared.xata.XataConnection;
import com.youtubechat.shared.xata.XataSettings;
import com.youtubechat.shared.youtube.CaptionClient;
import com.youtubechat.shared.youtube.VideoIds;
import com.youtubechat.shared.youtube.YoutubeHttp;
import com.youtubechat.shared.youtube.YoutubeSettings;
import com.youtubechat.shared.youtube.YoutubeWarmup;
import com.youtubechat.shared.youtube.YoutubeWebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Transcript step: fetch the captions, cut them into timed chunks that fit the embedding model,
 * and store them as the video row's transcript, replacing any earlier one. The row is checked first,
 * which takes the invocation's database connection: a database that is down or full fails the
 * attempt before YouTube is asked, so a retry never fetches the captions twice for a database
 * failure. The connection is released when the invocation ends.
 */
public final class TranscriptService implements PrimedService {

  private final CaptionClient captions;
  private final Chunker chunker;
  private final ChunkerSettings chunking;
  private final VideoStore videos;

  public TranscriptService(CaptionClient captions, ChunkerSettings chunking, VideoStore videos) {
    this.captions = captions;
    this.chunking = chunking;
    this.chunker = new Chunker(chunking);
    this.videos = videos;
  }

  public static TranscriptService fromEnvironment(ConfigReader config) {
    XataSettings xata = XataSettings.read(config);
    YoutubeSettings youtube = YoutubeSettings.read(config);
    ChunkerSettings chunking = ChunkerSettings.read(config);
    config.validate();
    YoutubeWebClient web = new YoutubeWebClient(youtube, new YoutubeHttp(youtube));
    return new TranscriptService(new CaptionClient(web, youtube.transcriptLanguages(), youtube.clients()), chunking,
        new VideoStore(new XataConnection(xata)));
  }

  /** SnapStart priming: the invocation's code paths on canned data, no side effect. */
  @Override
  public void prime() {
    VideoRecord record = Warmup.json("{\"id\":\"rec_warmup\",\"youtubeId\":\"aaaaaaaaaaa\"}", VideoRecord.class);
    VideoIds.resolve(record.youtubeId(), record.url());
    YoutubeWarmup.captionChoice(List.of("en"));
    List<CaptionSegment> segments = new ArrayList<>(CaptionXmlParser.parse(
        "<timedtext format=\"3\"><body><p t=\"0\" d=\"1500\"><s>Warm</s><s t=\"500\"> up.</s></p></body></timedtext>"));
    segments.addAll(CaptionXmlParser.parse("<transcript><text start=\"2\" dur=\"1\">It&amp;#39;s fine.</text></transcript>"));
    List<TranscriptChunk> chunks = chunker.chunk(segments);
    Json.write(new StoredTranscript("aaaaaaaaaaa", "en", "manual", "en", segments.size(), chunking.maxTokens(),
        chunking.overlapTokens(), chunks));
    XataConnection.warmDriver();
    Json.write(new TranscriptResult(record.id(), "aaaaaaaaaaa", "en", chunks.size()));
  }

  /** Drops every open connection (before the snapshot, and after each restore). */
  @Override
  public void reset() {
    captions.resetConnections();
    videos.resetConnection();
  }

  public TranscriptResult process(VideoRecord video) {
    String youtubeId = video.requireYoutubeId("Transcript");
    try {
      videos.requireRow(video.id(), youtubeId);
      CaptionClient.Captions fetched = captions.fetch(youtubeId);
      if (fetched.segments().isEmpty()) {
        throw new TranscriptsDisabledException("The " + fetched.language() + " captions of YouTube video " + youtubeId
            + " contain no text: there is nothing to make chat-ready");
      }
      List<TranscriptChunk> chunks = chunker.chunk(fetched.segments());
      videos.saveTranscript(video.id(), new StoredTranscript(youtubeId, fetched.language(),
          fetched.source().name().toLowerCase(Locale.ROOT), fetched.track().languageCode(),
          fetched.segments().size(), chunking.maxTokens(), chunking.overlapTokens(), chunks));
      return new TranscriptResult(video.id(), youtubeId, fetched.language(), chunks.size());
    } finally {
      videos.resetConnection();
    }
  }
}
