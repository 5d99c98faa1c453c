package com.youtubechat.shared.xata;

import com.fasterxml.jackson.core.JacksonException;
import com.youtubechat.shared.error.DatabaseException;
import com.youtubechat.shared.error.Echo;
import com.youtubechat.shared.error.VideoRecordMismatchException;
import com.youtubechat.shared.error.VideoRecordNotFoundException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.model.RowIds;
import com.youtubechat.shared.transcript.StoredTranscript;
import com.youtubechat.shared.model.VideoMetadata;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.Optional;

/** Reads and writes the {@code videos} table. */
public final class VideoStore {

  private final XataConnection database;

  public VideoStore(XataConnection database) {
    this.database = database;
  }

  /**
   * Closes the store's connection; the next use opens a fresh one. Steps call it when an invocation
   * ends, so a warm container keeps no connection slot while it waits for work.
   */
  public void resetConnection() {
    database.reset();
  }

  /**
   * Fails unless the video's row exists and is for {@code youtubeId} (or names no YouTube video
   * yet): an event must not make a step overwrite another video's row. Steps call it before any
   * paid call (YouTube, Cohere): it takes the invocation's connection, so a database that is down
   * or has no connection slot free fails the attempt before anything was fetched, and a retry
   * repeats no paid work.
   */
  public void requireRow(String videoId, String youtubeId) {
    RowIds.require(videoId);
    Optional<String> stored = database.run("Reading the row of video " + Echo.of(videoId), connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT youtube_id FROM videos WHERE id = ?")) {
        select.setString(1, videoId);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            throw notFound(videoId);
          }
          return Optional.ofNullable(rs.getString(1));
        }
      }
    });
    if (stored.isPresent() && !stored.get().equals(youtubeId)) {
      throw new VideoRecordMismatchException("The event names YouTube video '" + Echo.of(youtubeId) + "' for row '"
          + Echo.of(videoId) + "', which holds video '" + Echo.of(stored.get()) + "': refused, so that no event can"
          + " overwrite another video's row. Send the row's own video, or insert a new row for this one");
    }
  }

  /**
   * Sets the video's metadata columns. A row that does not exist is an error, never a silent no-op:
   * the web app's back end inserts the row before it sends the event.
   */
  public void updateMetadata(String videoId, VideoMetadata metadata) {
    RowIds.require(videoId);
    int updated = database.run("Updating the metadata of video " + Echo.of(videoId), connection -> {
      try (PreparedStatement update = connection.prepareStatement("""
          UPDATE videos
             SET youtube_id = ?, title = ?, description = ?, author = ?, length_seconds = ?,
                 thumbnail_url = ?, publish_date = ?, updated_at = now()
           WHERE id = ?""")) {
        update.setString(1, metadata.youtubeId());
        update.setString(2, metadata.title());
        update.setString(3, metadata.description());
        update.setString(4, metadata.author());
        update.setLong(5, metadata.lengthSeconds());
        update.setString(6, metadata.thumbnailUrl());
        if (metadata.publishDate() == null) {
          update.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
          update.setObject(7, metadata.publishDate());
        }
        update.setString(8, videoId);
        return update.executeUpdate();
      }
    });
    if (updated == 0) {
      throw notFound(videoId);
    }
  }

  /** Stores the transcript on the video row, replacing any earlier one. */
  public void saveTranscript(String videoId, StoredTranscript transcript) {
    RowIds.require(videoId);
    String json = Json.write(transcript);
    int updated = database.run("Saving the transcript of video " + Echo.of(videoId), connection -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE videos SET transcript = CAST(? AS jsonb), updated_at = now() WHERE id = ?")) {
        update.setString(1, json);
        update.setString(2, videoId);
        return update.executeUpdate();
      }
    });
    if (updated == 0) {
      throw notFound(videoId);
    }
  }

  /** The stored transcript, or empty when the Transcript step has not stored one yet. */
  public Optional<StoredTranscript> readTranscript(String videoId) {
    RowIds.require(videoId);
    Optional<String> json = database.run("Reading the transcript of video " + Echo.of(videoId), connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT transcript::text FROM videos WHERE id = ?")) {
        select.setString(1, videoId);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            throw notFound(videoId);
          }
          return Optional.ofNullable(rs.getString(1));
        }
      }
    });
    return json.map(text -> {
      try {
        return Json.MAPPER.readValue(text, StoredTranscript.class);
      } catch (JacksonException e) {
        throw new DatabaseException("The transcript stored for video " + Echo.of(videoId)
            + " is not in the shape this version reads; run the Transcript step again", e);
      }
    });
  }

  /** What the row says of the video's chat: its status and whether chat is enabled. */
  public record ChatState(String status, boolean chatEnabled) {

    /** Chat is on: the Embedding step committed the embeddings and set both in the same transaction. */
    public boolean ready() {
      return chatEnabled && "ready".equals(status);
    }
  }

  /** The row's chat state; a missing row is a {@link VideoRecordNotFoundException}. */
  public ChatState chatState(String videoId) {
    RowIds.require(videoId);
    return database.run("Reading the chat state of video " + Echo.of(videoId), connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT status, chat_enabled FROM videos WHERE id = ?")) {
        select.setString(1, videoId);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            throw notFound(videoId);
          }
          return new ChatState(rs.getString(1), rs.getBoolean(2));
        }
      }
    });
  }

  /** What {@link #markFailed} did. */
  public enum FailureMark {
    /** The row is now {@code failed} with the reason. */
    MARKED,
    /** There is no such row (then the failure usually is that very fact, and there is nothing to mark). */
    NO_ROW,
    /** The row is {@code ready} (chat enabled) and was left as it is. */
    KEPT_READY
  }

  /**
   * Marks the video failed with a readable reason, unless its row is {@code ready}. Ready means the
   * embeddings are committed and chat works, and no failure report undoes that: it comes from an
   * older execution (a re-run succeeded while this one's failure was still on its way), or from a
   * part of the same execution that does not take chat away (Info's metadata, a Pusher event). Not
   * a comparison of times: Step Functions gives no time per error, and within one execution the
   * Info branch's failure and the Transcript branch's success race, so a time rule would make the
   * outcome depend on which branch finished first. The status is tested in the UPDATE's own WHERE:
   * an UPDATE that waits for the row lock of an Embedding transaction re-checks it on the committed
   * row (PostgreSQL, READ COMMITTED), so a row made ready a moment earlier is never overwritten.
   */
  public FailureMark markFailed(String videoId, String reason) {
    RowIds.require(videoId);
    return database.run("Recording the failure of video " + Echo.of(videoId), connection -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE videos SET status = 'failed', error = ?, updated_at = now() WHERE id = ? AND status <> 'ready'")) {
        update.setString(1, reason);
        update.setString(2, videoId);
        if (update.executeUpdate() == 1) {
          return FailureMark.MARKED;
        }
      }
      try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM videos WHERE id = ?")) {
        select.setString(1, videoId);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? FailureMark.KEPT_READY : FailureMark.NO_ROW;
        }
      }
    });
  }

  /**
   * Marks the video failed unless an outcome is already recorded ({@code ready} or {@code failed}):
   * the safety net for executions that ended without reaching the failure step (aborted, timed out,
   * or the failure step itself gave up). Like {@link #markFailed}, it never touches a ready row;
   * unlike it, it also keeps RecordFailure's reason. Returns whether the row is marked with this
   * reason: also true when an earlier try marked it so, so a try whose notification failed
   * notifies again.
   */
  public boolean markFailedIfUnfinished(String videoId, String reason) {
    RowIds.require(videoId);
    return database.run("Recording the end of video " + Echo.of(videoId), connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE videos SET status = 'failed', error = ?,"
          + " updated_at = now() WHERE id = ? AND (status NOT IN ('ready', 'failed') OR (status = 'failed' AND error = ?))")) {
        update.setString(1, reason);
        update.setString(2, videoId);
        update.setString(3, reason);
        return update.executeUpdate() == 1;
      }
    });
  }

  static VideoRecordNotFoundException notFound(String videoId) {
    return new VideoRecordNotFoundException("There is no row with id '" + Echo.of(videoId)
        + "' in the videos table: the web app must insert the video before it sends the event");
  }
}
