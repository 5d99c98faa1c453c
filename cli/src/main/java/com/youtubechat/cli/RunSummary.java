package com.youtubechat.cli;

import com.youtubechat.emulators.PusherEmulator;
import com.youtubechat.local.Execution;
import com.youtubechat.shared.xata.XataConnection;
import java.io.PrintWriter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The summary {@code demo} and {@code run} end with: the outcome, what the pipeline left in the
 * database (read back from it, not taken from the execution's output), the Pusher events when they
 * can be seen (the demo's emulator), and where the time went.
 */
final class RunSummary {

  private static final int PAYLOAD_LIMIT = 110;

  /** The video row after the run, and its embeddings rows. */
  record VideoRow(String id, String youtubeId, String title, String author, Integer lengthSeconds, String status,
      String error, boolean chatEnabled, Integer chunks, long embeddings) {

    static Optional<VideoRow> read(XataConnection database, String id) {
      return database.run("Reading the video row back", connection -> {
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT id, youtube_id, title, author, length_seconds, status, error, chat_enabled,"
                + " jsonb_array_length(transcript -> 'chunks'),"
                + " (SELECT count(*) FROM embeddings e WHERE e.video_id = v.id)"
                + " FROM videos v WHERE id = ?")) {
          select.setString(1, id);
          try (ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            return Optional.of(new VideoRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                (Integer) rs.getObject(5), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                (Integer) rs.getObject(9), rs.getLong(10)));
          }
        }
      });
    }
  }

  private RunSummary() {}

  /**
   * @param pusherEvents the events the Pusher emulator accepted, or empty when Pusher is the real one
   * @param total the command's whole time; {@code setup} the part before the execution started
   */
  static void print(PrintWriter out, LocalPipeline.Outcome outcome, Optional<VideoRow> row,
      Optional<List<PusherEmulator.Event>> pusherEvents, Duration setup, Duration total) {
    Execution execution = outcome.execution();
    out.println();
    String headline = execution.status() + " in " + ExecutionReport.duration(outcome.duration());
    if (!execution.succeeded() && execution.error() != null) {
      headline += ": " + ProgressPrinter.shortName(execution.error())
          + (execution.cause() == null ? "" : ": " + Failures.oneLine(ExecutionReport.readableCause(execution.cause(), false)));
    }
    out.println(headline);
    if (row.isEmpty()) {
      out.println(field("Video", "the row is gone (deleted while the pipeline ran?)"));
    } else {
      VideoRow video = row.get();
      out.println(field("Video", video.id() + " (YouTube " + video.youtubeId() + ")"));
      out.println(field("Title", video.title() == null ? "(not fetched)" : video.title()
          + (video.author() == null ? "" : ", by " + video.author())
          + (video.lengthSeconds() == null ? "" : " (" + ExecutionReport.duration(Duration.ofSeconds(video.lengthSeconds())) + ")")));
      out.println(field("Chunks", video.chunks() == null ? "none (no transcript stored)"
          : video.chunks() + " (the transcript, stored on the row)"));
      out.println(field("Embeddings", video.embeddings() + " rows in the embeddings table"));
      out.println(field("Row status", video.status() + (video.chatEnabled() ? ", chat enabled" : ", chat not enabled")
          + (video.error() == null ? "" : ": " + Failures.oneLine(video.error()))));
    }
    pusherEvents.ifPresent(events -> {
      out.println(field("Pusher", events.size() + " event" + (events.size() == 1 ? "" : "s")
          + " received by the emulator" + (events.isEmpty() ? "" : ":")));
      for (PusherEmulator.Event event : events) {
        out.println(" ".repeat(17) + event.channel() + " / " + event.name() + " " + shorten(event.rawData()));
      }
    });
    List<String> steps = new ArrayList<>();
    outcome.steps().forEach((name, time) -> steps.add(name + " " + ExecutionReport.duration(time.duration())
        + (time.attempts() > 1 ? " (" + time.attempts() + " attempts)" : "")));
    out.println(field("Steps", steps.isEmpty() ? "none ran" : String.join(", ", steps)));
    out.println(field("Total", ExecutionReport.duration(total) + " (setup " + ExecutionReport.duration(setup)
        + ", execution " + ExecutionReport.duration(outcome.duration()) + ")"));
    out.flush();
  }

  private static String field(String name, String value) {
    return String.format(Locale.ROOT, "  %-13s%s", name, value);
  }

  private static String shorten(String text) {
    String oneLine = Failures.oneLine(text);
    return oneLine.length() <= PAYLOAD_LIMIT ? oneLine : oneLine.substring(0, PAYLOAD_LIMIT - 3) + "...";
  }
}
