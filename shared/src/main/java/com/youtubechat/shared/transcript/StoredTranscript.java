package com.youtubechat.shared.transcript;

import java.util.List;

/**
 * The transcript as the Transcript step stores it in the video row's {@code transcript} jsonb
 * column, and as the Embedding step reads it back.
 *
 * @param language the language of the chunks' text
 * @param source "manual", "generated" or "translated"
 * @param trackLanguage the caption track's own language (differs from {@code language} when translated)
 * @param maxTokens the chunker's token budget the chunks were cut to
 */
public record StoredTranscript(
    String youtubeId,
    String language,
    String source,
    String trackLanguage,
    int segmentCount,
    int maxTokens,
    int overlapTokens,
    List<TranscriptChunk> chunks) {}
