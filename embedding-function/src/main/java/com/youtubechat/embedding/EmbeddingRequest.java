package com.youtubechat.embedding;

/** The Embedding step's input: the Transcript step's summary, of which only the video id matters. */
public record EmbeddingRequest(String videoId) {}
