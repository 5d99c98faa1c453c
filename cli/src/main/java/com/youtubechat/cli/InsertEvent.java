package com.youtubechat.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.model.VideoRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The event the Nest.js back end puts when a user adds a video (source {@code custom.youtubeChat},
 * detail-type {@code insert}, detail the row {@code {id, youtubeId, url}}): {@code publish} puts its
 * detail on a bus; {@code demo} and {@code run} build the whole event as EventBridge delivers it to
 * the state machine, and start the local execution with it.
 */
final class InsertEvent {

  static final String SOURCE = "custom.youtubeChat";
  static final String DETAIL_TYPE = "insert";

  private InsertEvent() {}

  /** The event as EventBridge delivers it, in {@code account} and {@code region}, put at {@code time}. */
  static ObjectNode of(VideoRecord record, String account, String region, Instant time) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", DETAIL_TYPE);
    event.put("source", SOURCE);
    event.put("account", account);
    event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
    event.put("region", region);
    event.putArray("resources");
    event.set("detail", Json.MAPPER.valueToTree(record));
    return event;
  }
}
