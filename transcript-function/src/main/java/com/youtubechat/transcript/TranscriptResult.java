package com.youtubechat.transcript;

/**
 * The Transcript step's output, and the Embedding step's input: a summary, never the transcript
 * itself (it lives in the video row; Step Functions payloads are limited to 256 KiB).
 */
public record TranscriptResult(String videoId, String youtubeId, String language, int chunkCount) {}
