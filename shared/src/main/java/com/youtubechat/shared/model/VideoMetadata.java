package com.youtubechat.shared.model;

import java.time.OffsetDateTime;

/**
 * What the Info step learns about a video. {@code publishDate} may be null when YouTube does not
 * say; {@code lengthSeconds} is 0 for a live stream.
 */
public record VideoMetadata(
    String youtubeId,
    String title,
    String description,
    String author,
    long lengthSeconds,
    String thumbnailUrl,
    OffsetDateTime publishDate) {}
