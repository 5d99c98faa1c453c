package com.youtubechat.shared.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The one or two HTTP calls a container makes to AWS (credentials, SSM), on the JDK's
 * {@link HttpURLConnection}: it lives in java.base and its classes are mostly in the JDK's class-data
 * archive, so a cold start pays far less than for {@code java.net.http} (measured: README, Secrets).
 */
final class AwsHttp {

  record Response(int status, String body) {}

  private final Duration timeout;

  AwsHttp(Duration timeout) {
    this.timeout = timeout;
  }

  Response send(String method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    try {
      connection.setConnectTimeout((int) timeout.toMillis());
      connection.setReadTimeout((int) timeout.toMillis());
      connection.setRequestMethod(method);
      connection.setUseCaches(false);
      headers.forEach(connection::setRequestProperty);
      if (body != null) {
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
      }
      int status = connection.getResponseCode();
      try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        return new Response(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } finally {
      connection.disconnect();
    }
  }
}
