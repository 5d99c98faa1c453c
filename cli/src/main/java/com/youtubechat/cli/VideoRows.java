package com.youtubechat.cli;

import com.youtubechat.shared.model.VideoRecord;
import com.youtubechat.shared.xata.XataConnection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The publish command's one database operation: the {@code videos} row for a YouTube id, inserted
 * when there is none. An existing row is reused (the oldest, when the web app has inserted more than
 * one), so publishing the same video again re-runs the pipeline on the same row instead of piling
 * up rows. Concurrent publishes of one video serialise on an advisory lock keyed by the YouTube id,
 * so they cannot both insert.
 */
public final class VideoRows {

  /** Keyspace of the two-int advisory locks taken here (the schema migration uses a one-bigint lock). */
  private static final int LOCK_SPACE = 7432;

  /** The record to publish, and whether this call inserted its row. */
  public record Row(VideoRecord record, boolean inserted) {

    /** "Inserted videos row rec_... for YouTube video ..." or "Reusing videos row ...". */
    public String describe() {
      return (inserted ? "Inserted videos row " : "Reusing videos row ") + record.id() + " for YouTube video "
          + record.youtubeId();
    }
  }

  private final XataConnection database;

  public VideoRows(XataConnection database) {
    this.database = database;
  }

  public Row findOrInsert(String youtubeId, String url) {
    return database.inTransaction("Finding or inserting the videos row of " + youtubeId, connection -> {
      try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
        lock.setInt(1, LOCK_SPACE);
        lock.setInt(2, youtubeId.hashCode());
        lock.execute();
      }
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT id, url FROM videos WHERE youtube_id = ? ORDER BY created_at, id LIMIT 1")) {
        select.setString(1, youtubeId);
        try (ResultSet rs = select.executeQuery()) {
          if (rs.next()) {
            String storedUrl = rs.getString(2);
            return new Row(new VideoRecord(rs.getString(1), youtubeId,
                storedUrl == null || storedUrl.isBlank() ? url : storedUrl), false);
          }
        }
      }
      String id = RecordIds.generate();
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO videos (id, youtube_id, url) VALUES (?, ?, ?)")) {
        insert.setString(1, id);
        insert.setString(2, youtubeId);
        insert.setString(3, url);
        insert.executeUpdate();
      }
      return new Row(new VideoRecord(id, youtubeId, url), true);
    });
  }
}
