package com.youtubechat.shared.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.error.ConfigurationException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the execution role's credentials come from, in the order the AWS SDKs look: the
 * {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} / {@code AWS_SESSION_TOKEN} variables
 * (Lambda without SnapStart, {@code sam local}), then the container endpoint
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}, which is
 * what Lambda gives a SnapStart function instead of the variables (so credentials are fetched fresh
 * after a restore, never taken from the snapshot).
 */
public final class AwsCredentialsSource {

  private final Map<String, String> env;
  private final AwsHttp http;

  AwsCredentialsSource(Map<String, String> env, AwsHttp http) {
    this.env = Map.copyOf(env);
    this.http = http;
  }

  /** Whether any source is configured, without fetching anything. */
  public boolean available() {
    return present("AWS_ACCESS_KEY_ID") || present("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  }

  public AwsCredentials resolve() {
    if (present("AWS_ACCESS_KEY_ID")) {
      if (!present("AWS_SECRET_ACCESS_KEY")) {
        throw new ConfigurationException("AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY: set both to read"
            + " the SSM parameters named by the *_PARAMETER variables");
      }
      return new AwsCredentials(env.get("AWS_ACCESS_KEY_ID").strip(), env.get("AWS_SECRET_ACCESS_KEY").strip(),
          value("AWS_SESSION_TOKEN"));
    }
    if (present("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
      return fromContainerEndpoint(URI.create(env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI").strip()));
    }
    throw new ConfigurationException("No AWS credentials to read the SSM parameters named by the *_PARAMETER"
        + " variables: in Lambda the execution role provides them; locally, export AWS credentials or set the"
        + " secrets' plain variables instead (README: Configuration)");
  }

  private AwsCredentials fromContainerEndpoint(URI uri) {
    AwsHttp.Response response;
    try {
      response = http.send("GET", uri, authorizationToken().map(token -> Map.of("Authorization", token)).orElse(Map.of()),
          null);
    } catch (IOException e) {
      throw new TransientException("Could not fetch the execution role's credentials from the Lambda container"
          + " endpoint: " + e.getClass().getSimpleName(), e);
    }
    if (response.status() != 200) {
      // 5xx and throttling are worth another try; anything else will answer the same way.
      String what = "The Lambda container credentials endpoint answered HTTP " + response.status();
      if (response.status() >= 500 || response.status() == 429) {
        throw new TransientException(what);
      }
      throw new ConfigurationException(what + ": check AWS_CONTAINER_CREDENTIALS_FULL_URI and"
          + " AWS_CONTAINER_AUTHORIZATION_TOKEN (Lambda sets both; do not override them)");
    }
    try {
      JsonNode json = Json.MAPPER.readTree(response.body());
      String keyId = json.path("AccessKeyId").asText("");
      String secret = json.path("SecretAccessKey").asText("");
      if (keyId.isEmpty() || secret.isEmpty()) {
        throw new TransientException("The Lambda container credentials endpoint answered without AccessKeyId"
            + " and SecretAccessKey");
      }
      String token = json.path("Token").asText("");
      return new AwsCredentials(keyId, secret, token.isEmpty() ? Optional.empty() : Optional.of(token));
    } catch (IOException e) {
      throw new TransientException("The Lambda container credentials endpoint answered with something other"
          + " than JSON", e);
    }
  }

  private Optional<String> authorizationToken() {
    Optional<String> file = value("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    if (file.isPresent()) {
      try {
        return Optional.of(Files.readString(Path.of(file.get())).strip());
      } catch (IOException e) {
        throw new ConfigurationException("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE names a file that cannot be read", e);
      }
    }
    return value("AWS_CONTAINER_AUTHORIZATION_TOKEN");
  }

  private boolean present(String name) {
    return value(name).isPresent();
  }

  private Optional<String> value(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
