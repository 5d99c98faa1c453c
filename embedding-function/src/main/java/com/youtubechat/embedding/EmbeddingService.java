package com.youtubechat.embedding;

import com.youtubechat.shared.cohere.CohereEmbedder;
import com.youtubechat.shared.cohere.CohereSettings;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.lambda.PrimedService;
import com.youtubechat.shared.lambda.Warmup;
import com.youtubechat.shared.error.TranscriptMissingException;
import com.youtubechat.shared.log.Log;
import com.youtubechat.shared.transcript.StoredTranscript;
import com.youtubechat.shared.transcript.TranscriptChunk;
import com.youtubechat.shared.xata.EmbeddingStore;
import com.youtubechat.shared.xata.VideoStore;
import com.youtubechat.shared.xata.XataConnection;
import com.youtubechat.shared.xata.XataSettings;
import java.time.Instant;
import java.util.List;

/**
 * The Embedding step: read the stored transcript, embed its chunks with Cohere, replace the video's
 * embeddings and enable chat in one transaction. The web app is told by the next step (ChatReady),
 * after this one has committed: a Pusher outage is then retried on its own, without embedding the
 * video again, and this function ships no Pusher client. The transcript is read before Cohere is
 * called, on the connection the write then uses, so a database that is down or full fails the
 * attempt before any paid call; the connection is released when the invocation ends.
 */
public final class EmbeddingService implements PrimedService {

  private static final System.Logger LOG = Log.get(EmbeddingService.class);

  private final VideoStore videos;
  private final EmbeddingStore embeddings;
  private final CohereEmbedder cohere;

  public EmbeddingService(VideoStore videos, EmbeddingStore embeddings, CohereEmbedder cohere) {
    this.videos = videos;
    this.embeddings = embeddings;
    this.cohere = cohere;
  }

  public static EmbeddingService fromEnvironment(ConfigReader config) {
    XataSettings xata = XataSettings.read(config);
    CohereSettings cohere = CohereSettings.read(config);
    config.validate();
    XataConnection database = new XataConnection(xata);
    return new EmbeddingService(new VideoStore(database), new EmbeddingStore(database), new CohereEmbedder(cohere));
  }

  /** SnapStart priming: the invocation's code paths on canned data, no side effect. */
  @Override
  public void prime() {
    Warmup.json("{\"videoId\":\"rec_warmup\",\"chunkCount\":1}", EmbeddingRequest.class);
    StoredTranscript transcript = Warmup.json("{\"youtubeId\":\"aaaaaaaaaaa\",\"language\":\"en\",\"chunks\":"
        + "[{\"index\":0,\"text\":\"warm-up\",\"start\":0.0,\"end\":1.0}]}", StoredTranscript.class);
    cohere.warm();
    EmbeddingStore.warm(transcript.chunks());
    XataConnection.warmDriver();
    Json.write(new EmbeddingResult("rec_warmup", 1, 1, true));
  }

  /** Drops every open connection (before the snapshot, and after each restore). */
  @Override
  public void reset() {
    videos.resetConnection();
  }

  /** Embeds the video's transcript; Cohere retries stop at {@code deadline}. */
  public EmbeddingResult process(EmbeddingRequest request, Instant deadline) {
    String videoId = request.videoId();
    if (videoId == null || videoId.isBlank()) {
      throw new InvalidInputException("The input has no 'videoId': the Embedding step takes the Transcript step's output");
    }
    try {
      return embedAndStore(videoId, deadline);
    } finally {
      videos.resetConnection();
    }
  }

  private EmbeddingResult embedAndStore(String videoId, Instant deadline) {
    StoredTranscript transcript = videos.readTranscript(videoId).orElseThrow(() -> new TranscriptMissingException(
        "Video " + videoId + " has no stored transcript: run the Transcript step for it first"));
    List<TranscriptChunk> chunks = transcript.chunks();
    if (chunks.isEmpty()) {
      throw new TranscriptMissingException("The stored transcript of video " + videoId + " has no chunks");
    }
    long start = System.nanoTime();
    CohereEmbedder.Result embedded = cohere.embed(chunks.stream().map(TranscriptChunk::text).toList(),
        EmbeddingStore.DIMENSIONS, deadline);
    long embeddedAt = System.nanoTime();
    embeddings.replace(videoId, chunks, embedded.vectors());
    LOG.log(System.Logger.Level.INFO, "video {0}: {1} chunks embedded in {2} Cohere calls ({3} attempts, {4} ms),"
        + " stored in {5} ms", videoId, String.valueOf(chunks.size()), String.valueOf(embedded.calls()),
        String.valueOf(embedded.attempts()), String.valueOf((embeddedAt - start) / 1_000_000),
        String.valueOf((System.nanoTime() - embeddedAt) / 1_000_000));
    return new EmbeddingResult(videoId, chunks.size(), embedded.calls(), true);
  }
}
