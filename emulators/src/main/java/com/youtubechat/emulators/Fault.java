package com.youtubechat.emulators;

import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;

/** A failure an emulator can answer with instead of its normal response. */
public enum Fault {
  /** Too many requests, without Retry-After. */
  HTTP_429,
  /** An internal server error. */
  HTTP_500,
  /** No answer for 3 s: longer than the clients' timeouts in the tests (1 s). */
  TIMEOUT,
  /** The connection is closed after the request arrived, before any answer. */
  RESET;

  public MockResponse response() {
    return switch (this) {
      case HTTP_429 -> new MockResponse(429, Headers.of("Content-Type", "application/json"),
          "{\"message\":\"too many requests\"}");
      case HTTP_500 -> new MockResponse(500, Headers.of("Content-Type", "application/json"),
          "{\"message\":\"internal server error\"}");
      case TIMEOUT -> new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).body("{}").build();
      case RESET -> new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    };
  }
}
