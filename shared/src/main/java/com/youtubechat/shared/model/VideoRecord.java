package com.youtubechat.shared.model;

/**
 * The video row as the Nest.js back end puts it in the EventBridge event's {@code detail}: its id,
 * and the YouTube id or URL (or both). Any other fields of the record are ignored.
 */
public record VideoRecord(String id, String youtubeId, String url) {}
