package com.youtubechat.shared.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.youtubechat.shared.config.ParameterStore;
import com.youtubechat.shared.error.ConfigurationException;
import com.youtubechat.shared.error.Echo;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.log.Log;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SSM Parameter Store's {@code GetParameters} (with decryption) as one signed HTTPS call per ten
 * names: the functions read two to four secrets, so one round trip per cold start. Errors name the
 * parameter and what to do; no value, signature or token is ever logged or put in a message.
 */
public final class SsmParameterStore implements ParameterStore {

  private static final System.Logger LOG = Log.get(SsmParameterStore.class);
  /** GetParameters takes at most 10 names per call. */
  static final int MAX_NAMES_PER_CALL = 10;

  private final URI endpoint;
  private final String region;
  private final AwsCredentialsSource credentials;
  private final AwsHttp http;
  private final Clock clock;

  SsmParameterStore(URI endpoint, String region, AwsCredentialsSource credentials, AwsHttp http, Clock clock) {
    this.endpoint = endpoint;
    this.region = region;
    this.credentials = credentials;
    this.http = http;
    this.clock = clock;
  }

  /**
   * Configured as the AWS SDKs are: {@code AWS_REGION} (Lambda sets it), the endpoint
   * {@code AWS_ENDPOINT_URL_SSM} or {@code AWS_ENDPOINT_URL} when set (tests, VPC endpoints), else
   * {@code https://ssm.{region}.amazonaws.com}.
   */
  public static SsmParameterStore fromEnvironment(Map<String, String> env) {
    String region = first(env, "AWS_REGION", "AWS_DEFAULT_REGION").orElseThrow(() -> new ConfigurationException(
        "AWS_REGION is not set: it is needed to read the SSM parameters named by the *_PARAMETER variables"
            + " (Lambda sets it; locally, export it or set the secrets' plain variables instead)"));
    URI endpoint = first(env, "AWS_ENDPOINT_URL_SSM", "AWS_ENDPOINT_URL").map(URI::create)
        .orElseGet(() -> URI.create("https://ssm." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : "")));
    AwsHttp http = new AwsHttp(Duration.ofSeconds(5));
    return new SsmParameterStore(endpoint, region, new AwsCredentialsSource(env, http), http, Clock.systemUTC());
  }

  /**
   * SnapStart priming: signs a canned request and parses a canned answer, so the restored container
   * does not load those classes on its first invocation. No credentials are used, nothing is sent.
   */
  public static void warm() {
    AwsCredentials canned = new AwsCredentials("AKIDPRIMING", "priming", Optional.of("priming"));
    SigV4.sign("POST", "ssm.us-east-1.amazonaws.com", "/", "", Map.of("x-amz-target", "AmazonSSM.GetParameters"),
        new byte[0], canned, "us-east-1", "ssm", java.time.Instant.EPOCH);
    try {
      Json.MAPPER.readTree("{\"Parameters\":[{\"Name\":\"/p\",\"Type\":\"SecureString\",\"Value\":\"v\"}],"
          + "\"InvalidParameters\":[]}");
    } catch (IOException e) {
      throw new IllegalStateException("canned SSM answer does not parse", e);
    }
  }

  @Override
  public Map<String, String> read(List<String> names) {
    Map<String, String> values = new LinkedHashMap<>();
    if (names.isEmpty()) {
      return values;
    }
    AwsCredentials identity = credentials.resolve();
    for (int from = 0; from < names.size(); from += MAX_NAMES_PER_CALL) {
      List<String> batch = names.subList(from, Math.min(names.size(), from + MAX_NAMES_PER_CALL));
      values.putAll(getParameters(batch, identity));
    }
    return values;
  }

  private Map<String, String> getParameters(List<String> names, AwsCredentials identity) {
    ObjectNode request = Json.MAPPER.createObjectNode().put("WithDecryption", true);
    names.forEach(request.putArray("Names")::add);
    byte[] body = Json.write(request).getBytes(StandardCharsets.UTF_8);
    // x-amz-content-sha256 as the AWS SDKs send it: the emulator checks signatures with the SDK's signer.
    Map<String, String> headers = Map.of("content-type", "application/x-amz-json-1.1",
        "x-amz-target", "AmazonSSM.GetParameters", "x-amz-content-sha256", SigV4.payloadHash(body));
    String host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
    Map<String, String> signature = SigV4.sign("POST", host, "/", "", headers, body, identity, region, "ssm",
        clock.instant());
    Map<String, String> sent = new java.util.HashMap<>(headers);
    sent.putAll(signature);

    AwsHttp.Response response;
    try {
      response = http.send("POST", endpoint.resolve("/"), sent, body);
    } catch (IOException e) {
      throw new TransientException("Could not reach SSM Parameter Store at " + endpoint.getHost() + " to read "
          + names + ": " + e.getClass().getSimpleName(), e);
    }
    JsonNode json = parse(response);
    if (response.status() != 200) {
      throw failure(response.status(), json, names);
    }
    List<String> missing = new ArrayList<>();
    json.path("InvalidParameters").forEach(name -> missing.add(name.asText()));
    if (!missing.isEmpty()) {
      throw new ConfigurationException("SSM parameter(s) " + missing + " do not exist in " + region + ": create them"
          + " with `aws ssm put-parameter --type SecureString --name NAME --value VALUE`, or fix the *_PARAMETER"
          + " variable (the stack's *Parameter parameters) that names them");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (JsonNode parameter : json.path("Parameters")) {
      String name = parameter.path("Name").asText();
      if (!"SecureString".equals(parameter.path("Type").asText())) {
        // Readable by anyone who may list parameters; still works, but say so once per container.
        LOG.log(System.Logger.Level.WARNING, "SSM parameter {0} is a {1}, not a SecureString: store secrets"
            + " encrypted", name, parameter.path("Type").asText());
      }
      values.put(name, parameter.path("Value").asText());
    }
    for (String name : names) {
      if (!values.containsKey(name)) {
        throw new ConfigurationException("SSM answered GetParameters without parameter " + name
            + " and without listing it as invalid: check the name's spelling (names are case-sensitive)");
      }
    }
    return values;
  }

  private static JsonNode parse(AwsHttp.Response response) {
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      if (response.status() >= 500) {
        return Json.MAPPER.createObjectNode();
      }
      throw new TransientException("SSM Parameter Store answered HTTP " + response.status()
          + " with something other than JSON", e);
    }
  }

  /** AWS JSON errors: {@code {"__type": "…#ThrottlingException", "message": "…"}}. */
  private RuntimeException failure(int status, JsonNode json, List<String> names) {
    String type = json.path("__type").asText("");
    type = type.substring(type.lastIndexOf('#') + 1);
    String what = "SSM Parameter Store answered HTTP " + status + (type.isEmpty() ? "" : " " + type)
        + " to reading " + names;
    if (status >= 500 || status == 429 || type.equals("ThrottlingException") || type.equals("ExpiredTokenException")
        || type.equals("RequestTimeout") || type.equals("InternalServerError")) {
      return new TransientException(what);
    }
    if (type.equals("AccessDeniedException")) {
      return new ConfigurationException(what + ": the function's role may not read them. The template grants"
          + " ssm:GetParameters on exactly the names in its *Parameter parameters (and kms:Decrypt through SSM for"
          + " SecretsKmsKeyArn); redeploy after changing a name");
    }
    if (type.equals("UnrecognizedClientException") || type.equals("InvalidSignatureException")
        || type.equals("IncompleteSignature") || type.equals("MissingAuthenticationTokenException")) {
      return new ConfigurationException(what + ": the AWS credentials were refused. In Lambda they come from the"
          + " execution role; locally, check the exported AWS credentials and AWS_REGION");
    }
    String message = json.path("message").asText(json.path("Message").asText(""));
    return new ConfigurationException(what + (message.isEmpty() ? "" : ": " + Echo.of(message)));
  }

  private static Optional<String> first(Map<String, String> env, String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return Optional.of(value.strip());
      }
    }
    return Optional.empty();
  }
}
