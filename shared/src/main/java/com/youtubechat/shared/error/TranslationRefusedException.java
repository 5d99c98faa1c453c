package com.youtubechat.shared.error;

/**
 * YouTube answered HTTP 429 to a translated caption track ({@code tlang}). YouTube limits
 * translations far more than original tracks, so this says nothing about the IP, and no other
 * track in {@code TRANSCRIPT_LANGUAGES} was left to use instead: the message names the original
 * track's language, which added to {@code TRANSCRIPT_LANGUAGES} avoids translating.
 */
public final class TranslationRefusedException extends PermanentException {

  public TranslationRefusedException(String message) {
    super(message);
  }
}
