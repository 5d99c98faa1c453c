package com.youtubechat.shared.aws;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for one request with a fully buffered body: the headers to send, including
 * {@code Authorization}. Written here instead of pulling the AWS SDK into every function: the only
 * AWS call a function makes is reading its secrets once per container, and the SDK's core would add
 * megabytes and cold-start time for it. Verified against AWS's published example and the SDK's own
 * signer (SigV4Test).
 */
public final class SigV4 {

  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private SigV4() {}

  /**
   * Signs a request.
   *
   * @param host the Host header as it will be sent ({@code host} or {@code host:port} for a non-default port)
   * @param canonicalQuery the query string already in canonical form (sorted, URI-encoded), or empty
   * @param headers the headers to sign besides host and x-amz-date (names in any case)
   * @return the headers to add to the request: x-amz-date, x-amz-security-token when there is a
   *     session token, and Authorization
   */
  public static Map<String, String> sign(String method, String host, String path, String canonicalQuery,
      Map<String, String> headers, byte[] body, AwsCredentials credentials, String region, String service,
      Instant now) {
    String amzDate = AMZ_DATE.format(now);
    String date = amzDate.substring(0, 8);
    TreeMap<String, String> signed = new TreeMap<>();
    headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value.strip().replaceAll(" +", " ")));
    signed.put("host", host);
    signed.put("x-amz-date", amzDate);
    credentials.sessionToken().ifPresent(token -> signed.put("x-amz-security-token", token));

    StringBuilder canonicalHeaders = new StringBuilder();
    signed.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
    String signedHeaders = String.join(";", signed.keySet());
    String canonicalRequest = method + '\n' + path + '\n' + canonicalQuery + '\n' + canonicalHeaders + '\n'
        + signedHeaders + '\n' + hex(sha256(body));
    String scope = date + '/' + region + '/' + service + "/aws4_request";
    String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
        + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));

    byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String signature = hex(hmac(key, stringToSign));

    Map<String, String> added = new TreeMap<>();
    added.put("x-amz-date", amzDate);
    credentials.sessionToken().ifPresent(token -> added.put("x-amz-security-token", token));
    added.put("authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + '/' + scope
        + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
    return added;
  }

  /** The hex SHA-256 of a body, as the {@code x-amz-content-sha256} header carries it. */
  public static String payloadHash(byte[] body) {
    return hex(sha256(body));
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
