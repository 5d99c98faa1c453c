package com.youtubechat.failure;

/**
 * The recorder's output: the error and the readable reason the execution fails with, and whether
 * the row was marked (not when there is no row, nor when it is ready: VideoStore.markFailed).
 */
public record FailureSummary(String videoId, String error, String cause, boolean recorded) {}
