package com.youtubechat.cli;

import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.model.VideoRecord;
import com.youtubechat.shared.xata.XataConnection;
import com.youtubechat.shared.xata.XataSettings;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

@Command(name = "publish", mixinStandardHelpOptions = true,
    description = {
        "Add a video as the web app does: insert its row if absent, put the insert event; print the event id.",
        "%nDoes what the web app's back end does when a user adds a video: makes sure the videos row exists"
            + " (reusing the row already there for that YouTube id, else inserting {id, youtube_id, url} with a"
            + " new rec_ id), then puts the EventBridge event that starts the pipeline (source custom.youtubeChat,"
            + " detail-type insert, detail {id, youtubeId, url}). Prints the event id.",
        "%nNeeds XATA_DB_URL (and XATA_API_KEY when the URL has no password) and AWS credentials and region."})
final class PublishCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "<url|id>", description = "A YouTube URL or 11-character video id.")
  String video;

  @Option(names = "--event-bus", paramLabel = "NAME", defaultValue = "default",
      description = "The event bus to put the event on (default: ${DEFAULT-VALUE}).")
  String eventBus;

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "AWS endpoint to use instead of AWS's (e.g. a moto server); default: AWS_ENDPOINT_URL.")
  URI endpointUrl;

  PublishCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    VideoArgument argument = videoArgument(video);

    var config = context.environment().config();
    XataSettings database = XataSettings.read(config);
    config.validate();

    try (AwsClients aws = new AwsClients(context.environment(), endpoint(endpointUrl));
         XataConnection connection = new XataConnection(database)) {
      aws.requireCredentials(); // before the row is written, so a missing login changes nothing
      VideoRows.Row row = new VideoRows(connection).findOrInsert(argument.youtubeId(), argument.url());
      VideoRecord record = row.record();
      context.err().println(row.describe());

      PutEventsResponse response = aws.eventBridge().putEvents(request -> request.entries(
          PutEventsRequestEntry.builder()
              .eventBusName(eventBus)
              .source(InsertEvent.SOURCE)
              .detailType(InsertEvent.DETAIL_TYPE)
              .detail(Json.write(record))
              .build()));
      PutEventsResultEntry entry = response.entries().isEmpty() ? null : response.entries().get(0);
      if (response.failedEntryCount() != null && response.failedEntryCount() > 0 || entry == null
          || entry.eventId() == null) {
        String reason = entry == null ? "no result entry" : entry.errorCode() + ": " + entry.errorMessage();
        throw new CommandFailure("EventBridge did not accept the event for video row " + record.id()
            + " (" + reason + "); the row is in place, so running publish again reuses it");
      }
      context.out().println(entry.eventId());
      return 0;
    }
  }
}
