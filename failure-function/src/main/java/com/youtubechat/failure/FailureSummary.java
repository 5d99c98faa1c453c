package com.youtubechat.failure;

/** The recorder's output: the error and the readable reason the execution fails with. */
public record FailureSummary(String videoId, String error, String cause, boolean recorded) {}
