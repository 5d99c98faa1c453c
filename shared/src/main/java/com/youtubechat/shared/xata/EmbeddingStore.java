package com.youtubechat.shared.xata;

import com.youtubechat.shared.error.DatabaseException;
import com.youtubechat.shared.error.Echo;
import com.youtubechat.shared.model.RowIds;
import com.youtubechat.shared.transcript.TranscriptChunk;
import java.io.IOException;
import java.io.StringReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Writes a video's embeddings. The whole set is replaced in one transaction: the video row is locked
 * first, so two executions for the same video take turns instead of interleaving, then the old rows
 * are deleted and the new ones streamed in with one COPY (round trips do not grow with the chunk
 * count), and the row is marked chat-ready. Row ids are deterministic ({@code videoId:index}).
 * A failure anywhere rolls everything back and leaves the previous set intact.
 */
public final class EmbeddingStore {

  /** The dimension of the {@code embeddings.embedding} column. */
  public static final int DIMENSIONS = 1024;

  private final XataConnection database;

  public EmbeddingStore(XataConnection database) {
    this.database = database;
  }

  /** Statements sent per replacement, whatever the chunk count: lock, delete, COPY, update. */
  public static final int STATEMENTS_PER_REPLACE = 4;

  public void replace(String videoId, List<TranscriptChunk> chunks, List<float[]> vectors) {
    if (chunks.size() != vectors.size()) {
      throw new IllegalArgumentException(chunks.size() + " chunks but " + vectors.size() + " vectors");
    }
    RowIds.require(videoId);
    String copyData = copyRows(videoId, chunks, vectors);
    database.inTransaction("Replacing the embeddings of video " + Echo.of(videoId), connection -> {
      try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM videos WHERE id = ? FOR UPDATE")) {
        lock.setString(1, videoId);
        try (ResultSet rs = lock.executeQuery()) {
          if (!rs.next()) {
            throw VideoStore.notFound(videoId);
          }
        }
      }
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM embeddings WHERE video_id = ?")) {
        delete.setString(1, videoId);
        delete.executeUpdate();
      }
      try {
        long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
            "COPY embeddings (id, video_id, chunk_index, text, embedding, start_seconds, end_seconds) FROM STDIN",
            new StringReader(copyData));
        if (copied != chunks.size()) {
          throw new DatabaseException("COPY wrote " + copied + " embeddings instead of " + chunks.size());
        }
      } catch (IOException e) {
        throw new java.sql.SQLException("COPY of the embeddings was interrupted: " + e.getMessage(), "08006", e);
      }
      try (PreparedStatement ready = connection.prepareStatement(
          "UPDATE videos SET chat_enabled = true, status = 'ready', error = NULL, updated_at = now() WHERE id = ?")) {
        ready.setString(1, videoId);
        ready.executeUpdate();
      }
      return null;
    });
  }

  /** Formats canned rows for COPY without touching the database (SnapStart priming). */
  public static void warm(List<TranscriptChunk> chunks) {
    List<float[]> vectors = chunks.stream().map(chunk -> new float[DIMENSIONS]).toList();
    copyRows("rec_warmup", chunks, vectors);
  }

  /** The rows in COPY's text format: tab-separated, with backslash escapes. */
  static String copyRows(String videoId, List<TranscriptChunk> chunks, List<float[]> vectors) {
    StringBuilder out = new StringBuilder(chunks.size() * (DIMENSIONS * 12 + 1200));
    for (int i = 0; i < chunks.size(); i++) {
      TranscriptChunk chunk = chunks.get(i);
      float[] vector = vectors.get(i);
      escape(out, videoId + ":" + chunk.index()).append('\t');
      escape(out, videoId).append('\t');
      out.append(chunk.index()).append('\t');
      escape(out, chunk.text()).append('\t');
      out.append('[');
      for (int d = 0; d < vector.length; d++) {
        if (d > 0) {
          out.append(',');
        }
        out.append(vector[d]); // Float.toString: the shortest text that reads back as the same float
      }
      out.append("]\t").append(chunk.start()).append('\t').append(chunk.end()).append('\n');
    }
    return out.toString();
  }

  private static StringBuilder escape(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out;
  }
}
