package com.youtubechat.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * SSM Parameter Store's JSON API on loopback ({@code AmazonSSM.GetParameters}, with decryption),
 * plus the Lambda container credentials endpoint a SnapStart function gets its role's credentials
 * from. Every SSM request's SigV4 signature is recomputed with the AWS SDK's signer and refused as
 * AWS would ({@code InvalidSignatureException}); names outside {@link #allowOnly} are refused as IAM
 * would ({@code AccessDeniedException}). Errors use AWS's JSON error shape.
 */
public final class SsmEmulator extends Dispatcher implements AutoCloseable {

  public static final String REGION = "eu-west-1";
  public static final String ACCESS_KEY_ID = "ASIAEMULATOREXAMPLE";
  public static final String SECRET_ACCESS_KEY = "emulator/secret/access/key/EXAMPLE";
  public static final String SESSION_TOKEN = "emulator-session-token";
  public static final String CONTAINER_TOKEN = "emulator-container-authorization-token";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** One GetParameters call as received: the names asked for and whether its signature held. */
  public record Call(List<String> names, boolean signatureValid, boolean withDecryption) {}

  private record Parameter(String type, String value) {}

  private final MockWebServer server = new MockWebServer();
  private final Map<String, Parameter> parameters = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Deque<String[]> faults = new ArrayDeque<>();
  private volatile Set<String> allowed;
  private final AtomicInteger credentialRequests = new AtomicInteger();

  public SsmEmulator() {
    server.setDispatcher(this);
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the SSM emulator", e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** Stores a SecureString parameter. */
  public SsmEmulator put(String name, String value) {
    parameters.put(name, new Parameter("SecureString", value));
    return this;
  }

  /** Stores an unencrypted String parameter (what a secret should not be). */
  public SsmEmulator putPlain(String name, String value) {
    parameters.put(name, new Parameter("String", value));
    return this;
  }

  /** Like an IAM policy: only these names may be read, any other is AccessDeniedException. */
  public SsmEmulator allowOnly(String... names) {
    allowed = Set.of(names);
    return this;
  }

  /** The next request answers this HTTP status with this AWS error type. */
  public synchronized SsmEmulator fail(int status, String errorType) {
    faults.add(new String[] {Integer.toString(status), errorType});
    return this;
  }

  /** What a function without SnapStart sees: the role's credentials as variables. */
  public Map<String, String> environment() {
    return Map.of("AWS_REGION", REGION, "AWS_ACCESS_KEY_ID", ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY, "AWS_SESSION_TOKEN", SESSION_TOKEN,
        "AWS_ENDPOINT_URL_SSM", baseUrl());
  }

  /** What a SnapStart function sees: a container endpoint and its token instead of key variables. */
  public Map<String, String> containerEnvironment() {
    return Map.of("AWS_REGION", REGION, "AWS_CONTAINER_CREDENTIALS_FULL_URI", baseUrl() + "/credentials",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN", CONTAINER_TOKEN, "AWS_ENDPOINT_URL_SSM", baseUrl());
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public int credentialRequests() {
    return credentialRequests.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if ("GET".equals(request.getMethod()) && path.equals("/credentials")) {
      return credentials(request);
    }
    String[] fault;
    synchronized (this) {
      fault = faults.poll();
    }
    if (fault != null) {
      return error(Integer.parseInt(fault[0]), fault[1], "emulated fault");
    }
    if (!"POST".equals(request.getMethod()) || !path.equals("/")) {
      return error(404, "UnknownOperationException", "unknown path");
    }
    if (!"AmazonSSM.GetParameters".equals(request.getHeaders().get("x-amz-target"))) {
      return error(400, "UnknownOperationException", "this emulator answers AmazonSSM.GetParameters only");
    }
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      return error(400, "SerializationException", "body is not JSON");
    }
    List<String> names = new java.util.ArrayList<>();
    json.path("Names").forEach(n -> names.add(n.asText()));
    boolean valid = signatureValid(request, body);
    calls.add(new Call(names, valid, json.path("WithDecryption").asBoolean(false)));
    if (!valid) {
      return error(400, "InvalidSignatureException", "The request signature we calculated does not match the"
          + " signature you provided.");
    }
    if (names.isEmpty() || names.size() > 10) {
      return error(400, "ValidationException", "Names must hold 1 to 10 names");
    }
    Set<String> permitted = allowed;
    for (String name : names) {
      if (permitted != null && !permitted.contains(name)) {
        return error(400, "AccessDeniedException", "User is not authorized to perform: ssm:GetParameters on"
            + " resource: arn:aws:ssm:" + REGION + ":123456789012:parameter" + name);
      }
    }
    ObjectNode answer = JSON.createObjectNode();
    var found = answer.putArray("Parameters");
    var invalid = answer.putArray("InvalidParameters");
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      Parameter parameter = parameters.get(name);
      if (!seen.add(name)) {
        continue;
      }
      if (parameter == null) {
        invalid.add(name);
        continue;
      }
      boolean decrypt = json.path("WithDecryption").asBoolean(false) || !"SecureString".equals(parameter.type());
      found.addObject().put("Name", name).put("Type", parameter.type())
          .put("Value", decrypt ? parameter.value() : "AQICAHencrypted==").put("Version", 1)
          .put("ARN", "arn:aws:ssm:" + REGION + ":123456789012:parameter" + name).put("DataType", "text");
    }
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/x-amz-json-1.1")
        .body(answer.toString()).build();
  }

  private MockResponse credentials(RecordedRequest request) {
    credentialRequests.incrementAndGet(); // containers ask at once: MockWebServer serves them on several threads
    if (!CONTAINER_TOKEN.equals(request.getHeaders().get("Authorization"))) {
      return new MockResponse.Builder().code(401).body("{\"message\":\"missing or wrong authorization token\"}").build();
    }
    ObjectNode body = JSON.createObjectNode().put("AccessKeyId", ACCESS_KEY_ID)
        .put("SecretAccessKey", SECRET_ACCESS_KEY).put("Token", SESSION_TOKEN)
        .put("Expiration", Instant.now().plus(Duration.ofHours(1)).toString());
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body(body.toString()).build();
  }

  /** Recomputes the signature with the AWS SDK's signer over the headers the request says it signed. */
  private boolean signatureValid(RecordedRequest request, String body) {
    String authorization = request.getHeaders().get("Authorization");
    String amzDate = request.getHeaders().get("x-amz-date");
    if (authorization == null || amzDate == null) {
      return false;
    }
    Matcher m = AUTHORIZATION.matcher(authorization);
    if (!m.matches() || !m.group(1).equals(ACCESS_KEY_ID) || !m.group(3).equals(REGION) || !m.group(4).equals("ssm")) {
      return false;
    }
    Instant signedAt;
    try {
      signedAt = Instant.from(AMZ_DATE.parse(amzDate));
    } catch (RuntimeException e) {
      return false;
    }
    if (Duration.between(signedAt, Instant.now()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
      return false; // AWS refuses a signature more than 15 minutes off
    }
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
        .uri(URI.create("http://" + request.getHeaders().get("Host") + "/"));
    Map<String, String> received = new HashMap<>();
    request.getHeaders().forEach(pair -> received.put(pair.getFirst().toLowerCase(), pair.getSecond()));
    for (String name : m.group(5).split(";")) {
      if (!received.containsKey(name)) {
        return false;
      }
      if (!name.equals("x-amz-date") && !name.equals("x-amz-security-token")) {
        unsigned.putHeader(name, received.get(name));
      }
    }
    try {
      var signed = AwsV4HttpSigner.create().sign(r -> r
          .identity(AwsSessionCredentialsIdentity.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN))
          .request(unsigned.build())
          .payload(ContentStreamProvider.fromUtf8String(body))
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
          .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
          .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
      return signed.request().firstMatchingHeader("Authorization").map(authorization::equals).orElse(false);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static MockResponse error(int status, String type, String message) {
    ObjectNode body = JSON.createObjectNode().put("__type", type).put("message", message);
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/x-amz-json-1.1")
        .body(body.toString()).build();
  }

  @Override
  public void close() {
    server.close();
  }
}
