package com.youtubechat.chatready;

/** What the ChatReady step told the web app about the video. */
public record ChatReadyResult(String videoId, boolean chatEnabled, String status) {}
