package com.youtubechat.shared.youtube;

import com.youtubechat.shared.error.ProxyAuthenticationException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.error.YoutubeBotCheckException;
import com.youtubechat.shared.error.YoutubeChatException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The HTTP transport of every YouTube call: one OkHttp client per container with a cookie jar
 * (pre-seeded with the consent cookie YouTube's EU consent wall looks for), English answers so
 * playability reasons can be matched, the optional proxy, and timeouts. Throttling, server errors
 * and network failures become {@link TransientException}; other statuses are the caller's to map.
 */
public final class YoutubeHttp {

  /** Said in every message about a block, because a proxy is the only fix for a blocked IP. */
  static final String PROXY_HINT = "YouTube blocks most cloud IPs (AWS included): set YOUTUBE_PROXY_URL"
      + " to a rotating residential HTTP proxy and run the video again";

  /**
   * The error for a bot check or captcha. Through a proxy it is retried, since a rotating proxy
   * gives the retry another IP; without one the same IP gets the same answer, so it is permanent.
   */
  static YoutubeChatException blocked(String what, boolean proxied) {
    return proxied
        ? new TransientException(what + " (through YOUTUBE_PROXY_URL); retried, as a rotating proxy gives"
            + " another IP. If it persists, the proxy's IPs are blocked too: use residential ones")
        : new YoutubeBotCheckException(what + ", and no proxy is configured, so retrying cannot help. "
            + PROXY_HINT);
  }

  public record Fetched(int code, String body) {
    public boolean ok() {
      return code >= 200 && code < 300;
    }
  }

  private final OkHttpClient client;
  private final MemoryCookieJar cookies = new MemoryCookieJar();

  public YoutubeHttp(YoutubeSettings settings) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .cookieJar(cookies)
        .followRedirects(true)
        .callTimeout(settings.timeout())
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("Accept-Language", "en-US,en;q=0.9")
            .build()));
    settings.proxy().ifPresent(proxy -> {
      builder.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
      proxy.username().ifPresent(user -> builder.proxyAuthenticator((route, response) ->
          response.request().header("Proxy-Authorization") != null ? null // the proxy refused these credentials
              : response.request().newBuilder()
                  .header("Proxy-Authorization", Credentials.basic(user, proxy.password().orElse("")))
                  .build()));
    });
    this.client = builder.build();
    seedConsentCookie(settings.baseUrl().getHost(), "SOCS", "CAI");
  }

  /** Drops pooled connections: none may be frozen into a SnapStart snapshot or reused after it. */
  public void evictConnections() {
    client.connectionPool().evictAll();
  }

  /** Sets a cookie for the YouTube host and its subdomains (consent answers are domain cookies). */
  public void seedConsentCookie(String host, String name, String value) {
    String domain = host.startsWith("www.") ? host.substring(4) : host;
    cookies.add(new Cookie.Builder().domain(domain).path("/").name(name).value(value).build());
  }

  /**
   * Runs a request. 429 and 5xx are transient ({@code blockedHint} is added to a 429's message);
   * any other status is returned for the caller to interpret.
   */
  public Fetched execute(Request request, String what, boolean blockedHint) {
    return execute(request, what, blockedHint, false);
  }

  /**
   * As {@link #execute(Request, String, boolean)}, but with {@code pass429} a 429 is returned for the
   * caller to interpret (a translated caption track's 429 is YouTube limiting translations, not a
   * blocked IP).
   */
  public Fetched execute(Request request, String what, boolean blockedHint, boolean pass429) {
    try (Response response = client.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      int code = response.code();
      if (code == 407) {
        throw proxyRefused(what, null);
      }
      if (code == 429 && !pass429) {
        throw new TransientException("YouTube answered HTTP 429 (too many requests) to " + what
            + (blockedHint ? ": this IP is rate-limited or blocked. " + PROXY_HINT : ""));
      }
      if (code >= 500) {
        throw new TransientException("YouTube answered HTTP " + code + " to " + what + "; retry later");
      }
      return new Fetched(code, text);
    } catch (IOException e) {
      // OkHttp's words when an HTTPS tunnel's CONNECT is refused with 407 after its credentials.
      if (String.valueOf(e.getMessage()).contains("Failed to authenticate with proxy")) {
        throw proxyRefused(what, e);
      }
      throw new TransientException("Could not reach YouTube for " + what + ": " + e, e);
    }
  }

  private static ProxyAuthenticationException proxyRefused(String what, IOException cause) {
    return new ProxyAuthenticationException("The proxy refused the credentials in YOUTUBE_PROXY_URL (HTTP 407) for "
        + what + ": check its user and password", cause);
  }

  public static HttpUrl url(java.net.URI base, String pathAndQuery) {
    HttpUrl url = HttpUrl.parse(base.toString() + pathAndQuery);
    if (url == null) {
      throw new IllegalArgumentException("not a URL: " + base + pathAndQuery);
    }
    return url;
  }

  /** Cookies kept for the container's life; OkHttp ships no in-memory jar. */
  private static final class MemoryCookieJar implements CookieJar {
    private final ConcurrentHashMap<String, Cookie> cookies = new ConcurrentHashMap<>();

    void add(Cookie cookie) {
      cookies.put(cookie.domain() + "|" + cookie.path() + "|" + cookie.name(), cookie);
    }

    @Override
    public void saveFromResponse(HttpUrl url, List<Cookie> received) {
      received.forEach(this::add);
    }

    @Override
    public List<Cookie> loadForRequest(HttpUrl url) {
      List<Cookie> matching = new ArrayList<>();
      long now = System.currentTimeMillis();
      for (Cookie cookie : cookies.values()) {
        if (cookie.expiresAt() < now) {
          cookies.values().remove(cookie);
        } else if (cookie.matches(url)) {
          matching.add(cookie);
        }
      }
      return matching;
    }
  }
}
