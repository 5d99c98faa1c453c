package com.youtubechat.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * A Pusher Channels HTTP API on loopback: {@code POST /apps/{appId}/events}, authenticated the way
 * Pusher does (auth_key, auth_version, a timestamp within 600 s, body_md5 and the HMAC-SHA256
 * signature over the sorted parameters), {@code data} limited to 10,240 bytes (413 above), plain
 * text error bodies. Accepted events are recorded with their decoded data.
 */
public final class PusherEmulator extends Dispatcher implements AutoCloseable {

  public static final String APP_ID = "1234567";
  public static final String KEY = "278d425bdf160c739803";
  public static final String SECRET = "7ad3773142a6692b25b8";
  public static final int DATA_LIMIT = 10_240;

  /** One accepted event: its channel, name, raw data string and that string parsed as JSON. */
  public record Event(String channel, String name, String rawData, JsonNode data) {}

  private final MockWebServer server = new MockWebServer();
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<String> rejections = new CopyOnWriteArrayList<>();
  private final Deque<MockResponse> faults = new ArrayDeque<>();
  private final List<Map.Entry<String, MockResponse>> conditionalFaults = new ArrayList<>();
  private volatile long clockSkewSeconds;

  public PusherEmulator() {
    server.setDispatcher(this);
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Pusher emulator", e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** The environment a client needs to reach this emulator. */
  public Map<String, String> environment() {
    return Map.of("PUSHER_APP_ID", APP_ID, "PUSHER_KEY", KEY, "PUSHER_SECRET", SECRET,
        "PUSHER_CLUSTER", "eu", "PUSHER_BASE_URL", baseUrl());
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  /** Why requests were refused (401/400/413 texts), for asserting on failures. */
  public List<String> rejections() {
    return List.copyOf(rejections);
  }

  public int requestCount() {
    return server.getRequestCount();
  }

  /** The next {@code times} requests get this status, after authentication succeeded. */
  public synchronized void failNext(int status, int times) {
    for (int i = 0; i < times; i++) {
      faults.add(text(status, "injected failure " + status));
    }
  }

  /** The next {@code times} authenticated requests meet {@code fault}. */
  public synchronized void inject(Fault fault, int times) {
    for (int i = 0; i < times; i++) {
      faults.add(fault.response());
    }
  }

  /**
   * The next {@code times} authenticated events whose data contains {@code marker} meet {@code fault}:
   * targets one step's events (e.g. "chatEnabled" for Embedding's, "title" for Info's).
   */
  public synchronized void injectWhen(String marker, Fault fault, int times) {
    for (int i = 0; i < times; i++) {
      conditionalFaults.add(Map.entry(marker, fault.response()));
    }
  }

  /** Pretends the server clock is off by this much, to exercise the 600 s timestamp window. */
  public void skewClock(long seconds) {
    this.clockSkewSeconds = seconds;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    List<String> segments = url.pathSegments();
    if (!"POST".equals(request.getMethod()) || segments.size() != 3 || !segments.get(0).equals("apps")
        || !segments.get(2).equals("events")) {
      return reject(404, "Not found: " + request.getMethod() + " " + url.encodedPath());
    }
    if (!segments.get(1).equals(APP_ID)) {
      return reject(404, "Unknown app " + segments.get(1));
    }
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    String authError = authenticate(request, url, body);
    if (authError != null) {
      return reject(401, authError);
    }
    synchronized (this) {
      if (!faults.isEmpty()) {
        return faults.poll();
      }
    }
    String contentType = request.getHeaders().get("Content-Type");
    if (contentType == null || !contentType.startsWith("application/json")) {
      return reject(400, "Content-Type must be application/json");
    }
    JsonNode json;
    try {
      json = EmulatorJson.MAPPER.readTree(body);
    } catch (IOException e) {
      return reject(400, "Body is not JSON");
    }
    if (!json.path("name").isTextual() || !json.path("data").isTextual()) {
      return reject(400, "name and data must be strings");
    }
    List<String> channels = new ArrayList<>();
    json.path("channels").forEach(channel -> channels.add(channel.asText()));
    if (json.path("channel").isTextual()) {
      channels.add(json.get("channel").asText());
    }
    if (channels.isEmpty() || channels.size() > 100
        || channels.stream().anyMatch(c -> c.length() > 164 || !c.matches("[-a-zA-Z0-9_=@,.;]+"))) {
      return reject(400, "channels must be 1 to 100 valid channel names");
    }
    String data = json.get("data").asText();
    synchronized (this) {
      for (var fault : conditionalFaults) {
        if (data.contains(fault.getKey())) {
          conditionalFaults.remove(fault);
          return fault.getValue();
        }
      }
    }
    if (data.getBytes(StandardCharsets.UTF_8).length > DATA_LIMIT) {
      return reject(413, "The data content of this event exceeds the allowed maximum (10240 bytes).");
    }
    JsonNode parsed;
    try {
      parsed = EmulatorJson.MAPPER.readTree(data);
    } catch (IOException e) {
      parsed = null; // data is any string; the project always sends JSON, tests assert on that
    }
    for (String channel : channels) {
      events.add(new Event(channel, json.get("name").asText(), data, parsed));
    }
    return new MockResponse(200, Headers.of("Content-Type", "application/json"), "{}");
  }

  private String authenticate(RecordedRequest request, HttpUrl url, byte[] body) {
    Map<String, String> params = new TreeMap<>();
    for (String name : url.queryParameterNames()) {
      params.put(name, url.queryParameter(name));
    }
    String signature = params.remove("auth_signature");
    if (!KEY.equals(params.get("auth_key"))) {
      return "Unknown auth_key";
    }
    if (!"1.0".equals(params.get("auth_version"))) {
      return "auth_version must be 1.0";
    }
    long now = System.currentTimeMillis() / 1000 + clockSkewSeconds;
    try {
      long timestamp = Long.parseLong(params.getOrDefault("auth_timestamp", ""));
      if (Math.abs(now - timestamp) > 600) {
        return "Timestamp expired: Given timestamp (" + timestamp + ") not within 600s of server time (" + now + ")";
      }
    } catch (NumberFormatException e) {
      return "auth_timestamp is missing";
    }
    if (body.length > 0 && !md5Hex(body).equals(params.get("body_md5"))) {
      return "body_md5 does not match the body";
    }
    StringBuilder query = new StringBuilder();
    params.forEach((k, v) -> query.append(query.isEmpty() ? "" : "&").append(k).append('=').append(v));
    String toSign = request.getMethod() + "\n" + url.encodedPath() + "\n" + query;
    String expected = hmacSha256Hex(SECRET, toSign);
    if (!expected.equals(signature)) {
      return "Invalid signature: you should have sent HmacSHA256Hex(" + EmulatorJson.write(toSign)
          + ", your_secret_key), but you sent \"" + signature + "\"";
    }
    return null;
  }

  public static String hmacSha256Hex(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String md5Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private MockResponse reject(int status, String message) {
    rejections.add(status + " " + message);
    return text(status, message);
  }

  private static MockResponse text(int status, String message) {
    return new MockResponse(status, Headers.of("Content-Type", "text/plain"), message);
  }

  @Override
  public void close() {
    server.close();
  }
}
