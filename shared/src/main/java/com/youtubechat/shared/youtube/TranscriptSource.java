package com.youtubechat.shared.youtube;

/** Where the chosen captions came from. */
public enum TranscriptSource {
  /** Written by a person. */
  MANUAL,
  /** YouTube's automatic speech recognition. */
  GENERATED,
  /** A track in another language, machine-translated by YouTube into the wanted one. */
  TRANSLATED
}
