package com.youtubechat.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/** The two endpoints {@code doctor} calls that shared's emulators do not serve. */
final class ServiceEmulators {

  private ServiceEmulators() {}

  private static MockWebServer start(Dispatcher dispatcher) {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(dispatcher);
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return server;
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse(status, Headers.of("Content-Type", "application/json"), body);
  }

  /**
   * Cohere's {@code GET /v1/models}: 200 with one model for {@code Bearer <key>}, 403 for a token
   * starting {@code forbidden-} with a message that echoes it (as a careless server might: the CLI
   * must mask it), else 401.
   */
  static final class CohereModels extends Dispatcher implements AutoCloseable {
    static final String KEY = "cohere-fake-key-Lw92Bx";
    private final MockWebServer server = start(this);

    String baseUrl() {
      return "http://127.0.0.1:" + server.getPort();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      if (!"GET".equals(request.getMethod()) || !"/v1/models".equals(request.getUrl().encodedPath())) {
        return json(404, "{\"message\": \"404 page not found\"}");
      }
      String authorization = String.valueOf(request.getHeaders().get("Authorization"));
      if (authorization.startsWith("Bearer forbidden-")) {
        return json(403, "{\"message\": \"token " + authorization.substring(7) + " may not list models\"}");
      }
      if (!authorization.equals("Bearer " + KEY)) {
        return json(401, "{\"message\": \"invalid api token: " + authorization.replace("Bearer ", "") + "\"}");
      }
      return json(200, """
          {"models": [{"name": "embed-english-v3.0", "endpoints": ["embed"], "finetuned": false,
            "context_length": 512, "default_endpoints": ["embed"], "features": null}],
           "next_page_token": "page-2"}""");
    }

    @Override
    public void close() {
      server.close();
    }
  }

  /**
   * Pusher's {@code GET /apps/{id}/channels}, authenticated as Pusher does: auth_key, a timestamp
   * within 600 s, auth_version 1.0 and the HMAC-SHA256 signature over method, path and the sorted
   * parameters.
   */
  static final class PusherChannels extends Dispatcher implements AutoCloseable {
    static final String APP_ID = "1234567";
    static final String KEY = "278d425bdf160c739803";
    static final String SECRET = "pusher-fake-secret-Tq7Vn3";
    private final MockWebServer server = start(this);

    String baseUrl() {
      return "http://127.0.0.1:" + server.getPort();
    }

    Map<String, String> environment(String secret) {
      return Map.of("PUSHER_APP_ID", APP_ID, "PUSHER_KEY", KEY, "PUSHER_SECRET", secret, "PUSHER_BASE_URL", baseUrl());
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      HttpUrl url = request.getUrl();
      if (!"GET".equals(request.getMethod()) || !url.encodedPath().equals("/apps/" + APP_ID + "/channels")) {
        return new MockResponse(404, Headers.of(), "Not found");
      }
      Map<String, String> params = new TreeMap<>();
      for (String name : url.queryParameterNames()) {
        if (!name.equals("auth_signature")) {
          params.put(name, url.queryParameter(name));
        }
      }
      String timestamp = params.getOrDefault("auth_timestamp", "0");
      if (!KEY.equals(params.get("auth_key")) || !"1.0".equals(params.get("auth_version"))
          || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 600) {
        return new MockResponse(401, Headers.of(), "Unknown auth_key or bad timestamp");
      }
      StringBuilder query = new StringBuilder();
      params.forEach((k, v) -> query.append(query.isEmpty() ? "" : "&").append(k).append('=').append(v));
      String expected = hmac("GET\n" + url.encodedPath() + "\n" + query);
      if (!expected.equals(url.queryParameter("auth_signature"))) {
        return new MockResponse(401, Headers.of(), "Invalid signature: you should have sent HmacSHA256Hex(...)");
      }
      return json(200, "{\"channels\": {}}");
    }

    private static String hmac(String text) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
