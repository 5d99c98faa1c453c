package com.youtubechat.cli;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * AWS SDK v2 clients configured from the CLI's {@link Environment} (so a {@code .env} file works
 * like the process environment): credentials from {@code AWS_ACCESS_KEY_ID} /
 * {@code AWS_SECRET_ACCESS_KEY} [/ {@code AWS_SESSION_TOKEN}], else {@code AWS_PROFILE}, else the
 * SDK's default chain (SSO, web identity, container and instance roles); the region from
 * {@code AWS_REGION} / {@code AWS_DEFAULT_REGION}, else the profile, else the SDK's chain; the
 * endpoint from {@code --endpoint-url}, else {@code AWS_ENDPOINT_URL} (e.g. a moto server). All
 * clients share one HttpURLConnection-based HTTP client.
 */
public final class AwsClients implements AutoCloseable {

  private final Environment environment;
  private final Optional<URI> endpoint;
  private SdkHttpClient http;
  private AwsCredentialsProvider credentials;
  private Region region;
  private EventBridgeClient eventBridge;
  private SfnClient sfn;

  public AwsClients(Environment environment, Optional<URI> endpointOption) {
    this.environment = environment;
    this.endpoint = endpointOption.or(() -> environment.get("AWS_ENDPOINT_URL").map(AwsClients::endpointUrl));
  }

  private static URI endpointUrl(String raw) {
    try {
      URI uri = new URI(raw);
      if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return uri;
      }
    } catch (java.net.URISyntaxException malformed) {
      // reported below
    }
    throw new CommandFailure("AWS_ENDPOINT_URL must be an absolute http:// or https:// URL");
  }

  /** Whether this environment names an AWS region or profile, i.e. whether AWS is set up at all. */
  public static boolean configured(Environment environment) {
    return environment.get("AWS_REGION").isPresent() || environment.get("AWS_DEFAULT_REGION").isPresent()
        || environment.get("AWS_PROFILE").isPresent() || environment.get("AWS_ACCESS_KEY_ID").isPresent()
        || environment.get("AWS_ENDPOINT_URL").isPresent();
  }

  public synchronized Region region() {
    if (region == null) {
      Optional<String> name = environment.get("AWS_REGION").or(() -> environment.get("AWS_DEFAULT_REGION"));
      if (name.isEmpty()) {
        name = environment.get("AWS_PROFILE").flatMap(profile -> ProfileFile.defaultProfileFile()
            .profile(profile).flatMap(p -> p.property("region")));
      }
      region = name.map(Region::of).orElseGet(() -> {
        try {
          return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
          throw new CommandFailure(Failures.awsClientMessage(e), e);
        }
      });
    }
    return region;
  }

  public Optional<URI> endpoint() {
    return endpoint;
  }

  synchronized AwsCredentialsProvider credentials() {
    if (credentials == null) {
      Optional<String> keyId = environment.get("AWS_ACCESS_KEY_ID");
      Optional<String> secret = environment.get("AWS_SECRET_ACCESS_KEY");
      if (keyId.isPresent() && secret.isPresent()) {
        Optional<String> token = environment.get("AWS_SESSION_TOKEN");
        credentials = StaticCredentialsProvider.create(token.isPresent()
            ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
            : AwsBasicCredentials.create(keyId.get(), secret.get()));
      } else if (environment.get("AWS_PROFILE").isPresent()) {
        credentials = ProfileCredentialsProvider.builder().profileName(environment.get("AWS_PROFILE").get()).build();
      } else {
        credentials = DefaultCredentialsProvider.builder().build();
      }
    }
    return credentials;
  }

  /** Resolves the credentials now, so a command fails before it changes anything when there are none. */
  public void requireCredentials() {
    try {
      credentials().resolveIdentity().join();
    } catch (SdkClientException e) {
      throw new CommandFailure(Failures.awsClientMessage(e), e);
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof SdkClientException sdk) {
        throw new CommandFailure(Failures.awsClientMessage(sdk), sdk);
      }
      throw e;
    }
  }

  public synchronized EventBridgeClient eventBridge() {
    if (eventBridge == null) {
      eventBridge = configure(EventBridgeClient.builder()).build();
    }
    return eventBridge;
  }

  public synchronized SfnClient sfn() {
    if (sfn == null) {
      sfn = configure(SfnClient.builder()).build();
    }
    return sfn;
  }

  /** The HTTP client every AWS call here goes through (also {@link StackOutputs}' hand-signed one). */
  synchronized SdkHttpClient http() {
    if (http == null) {
      http = UrlConnectionHttpClient.builder()
          .connectionTimeout(Duration.ofSeconds(5))
          .socketTimeout(Duration.ofSeconds(30))
          .build();
    }
    return http;
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
    builder.httpClient(http()).region(region()).credentialsProvider(credentials());
    endpoint.ifPresent(builder::endpointOverride);
    return builder;
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable client : new AutoCloseable[] {eventBridge, sfn}) {
      if (client != null) {
        try {
          client.close();
        } catch (Exception ignored) {
          // closing at exit: nothing to do about it
        }
      }
    }
    if (http != null) {
      http.close();
    }
    if (credentials instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // as above
      }
    }
  }
}
