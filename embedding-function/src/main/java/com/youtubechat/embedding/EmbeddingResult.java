package com.youtubechat.embedding;

/** The Embedding step's output. */
public record EmbeddingResult(String videoId, int embeddingCount, int cohereCalls, boolean chatEnabled) {}
