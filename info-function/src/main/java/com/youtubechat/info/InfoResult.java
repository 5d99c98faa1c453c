package com.youtubechat.info;

/** The Info step's output: small, because Step Functions carries it (256 KiB limit). */
public record InfoResult(String videoId, String youtubeId, String title, long lengthSeconds) {}
