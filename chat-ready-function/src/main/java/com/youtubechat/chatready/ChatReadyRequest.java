package com.youtubechat.chatready;

/**
 * The ChatReady step's input: the Embedding step's output merged with the Transcript step's summary,
 * of which only the video id matters.
 */
public record ChatReadyRequest(String videoId) {}
