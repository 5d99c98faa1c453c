package com.youtubechat.shared.lambda;

import com.youtubechat.shared.aws.SsmParameterStore;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.config.ParameterStore;
import com.youtubechat.shared.config.SecretVariables;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one service of a Lambda container, built on the first invocation and reused by every later
 * one. Built then, not in the handler's constructor, because its secrets may live in SSM: under
 * SnapStart the constructor runs before the snapshot, and a secret read there would be frozen into
 * it and shared by every restored container. A build that fails (SSM throttled, a parameter
 * missing) fails that invocation with a named error and is tried again by the next.
 */
public final class ContainerService<S extends PrimedService> {

  private final Map<String, String> environment;
  private final Function<ConfigReader, S> factory;
  private final Function<Map<String, String>, ParameterStore> parameterStore;
  private volatile S service;

  private ContainerService(Map<String, String> environment, Function<ConfigReader, S> factory,
      Function<Map<String, String>, ParameterStore> parameterStore, S service) {
    this.environment = environment;
    this.factory = factory;
    this.parameterStore = parameterStore;
    this.service = service;
  }

  /** Configured from {@code environment}, secrets named by {@code *_PARAMETER} read from SSM. */
  public static <S extends PrimedService> ContainerService<S> fromEnvironment(Map<String, String> environment,
      Function<ConfigReader, S> factory) {
    return fromEnvironment(environment, factory, SsmParameterStore::fromEnvironment);
  }

  public static <S extends PrimedService> ContainerService<S> fromEnvironment(Map<String, String> environment,
      Function<ConfigReader, S> factory, Function<Map<String, String>, ParameterStore> parameterStore) {
    return new ContainerService<>(Map.copyOf(environment), factory, parameterStore, null);
  }

  /** A service built by the caller (tests). */
  public static <S extends PrimedService> ContainerService<S> of(S service) {
    return new ContainerService<>(Map.of(), config -> service, env -> names -> Map.of(), service);
  }

  public S get() {
    S built = service;
    if (built == null) {
      synchronized (this) {
        built = service;
        if (built == null) {
          built = factory.apply(new ConfigReader(SecretVariables.resolve(environment, parameterStore)));
          service = built;
        }
      }
    }
    return built;
  }

  /** The service, if an invocation has built it. */
  public Optional<S> built() {
    return Optional.ofNullable(service);
  }

  /**
   * SnapStart priming: warms a throwaway service configured with stand-ins for the secrets (the
   * same classes and code paths, no secret), then drops its connections.
   */
  void prime() {
    if (!SecretVariables.parameterNames(environment).isEmpty()) {
      SsmParameterStore.warm();
    }
    S primer = factory.apply(new ConfigReader(SecretVariables.withStandIns(environment)));
    try {
      primer.prime();
    } finally {
      primer.reset();
    }
  }

  /** SnapStart restore: drops whatever connections the built service holds. */
  void reset() {
    built().ifPresent(PrimedService::reset);
  }
}
