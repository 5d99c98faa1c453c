package com.youtubechat.shared.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.config.ParameterStore;
import com.youtubechat.shared.error.TransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ContainerServiceTest {

  /** A service that remembers the key it was configured with and what the hooks did to it. */
  static final class KeyedService implements PrimedService {
    final String key;
    final List<String> hooks = new ArrayList<>();

    KeyedService(ConfigReader config) {
      key = config.required("COHERE_API_KEY", "the key");
      config.validate();
    }

    @Override
    public void prime() {
      hooks.add("prime");
    }

    @Override
    public void reset() {
      hooks.add("reset");
    }
  }

  private final List<List<String>> reads = new ArrayList<>();
  private final List<KeyedService> built = new ArrayList<>();
  private final Function<ConfigReader, KeyedService> factory = config -> {
    KeyedService service = new KeyedService(config);
    built.add(service);
    return service;
  };
  private final Map<String, String> env = Map.of("COHERE_API_KEY_PARAMETER", "/ytc/cohere");

  private Function<Map<String, String>, ParameterStore> store(RuntimeException... failures) {
    List<RuntimeException> pending = new ArrayList<>(List.of(failures));
    return e -> names -> {
      reads.add(names);
      if (!pending.isEmpty()) {
        throw pending.remove(0);
      }
      return Map.of("/ytc/cohere", "the-real-key");
    };
  }

  @Test
  void creation_readsNoSecret_theFirstInvocationReadsItOnce() {
    ContainerService<KeyedService> container = ContainerService.fromEnvironment(env, factory, store());
    assertTrue(reads.isEmpty() && built.isEmpty(), "nothing is read or built before the first invocation");

    KeyedService first = container.get();
    KeyedService second = container.get();

    assertSame(first, second);
    assertEquals("the-real-key", first.key);
    assertEquals(List.of(List.of("/ytc/cohere")), reads);
  }

  @Test
  void priming_usesAStandIn_readsNoParameter_andDropsItsConnections() {
    ContainerService<KeyedService> container = ContainerService.fromEnvironment(env, factory, store());

    container.prime();

    assertTrue(reads.isEmpty(), "priming runs before the snapshot: no secret may be read then");
    assertEquals(1, built.size());
    assertEquals("primed", built.get(0).key);
    assertEquals(List.of("prime", "reset"), built.get(0).hooks);
    assertTrue(container.built().isEmpty(), "the primed stand-in is not the service invocations use");
  }

  @Test
  void restore_resetsTheBuiltService() {
    ContainerService<KeyedService> container = ContainerService.fromEnvironment(env, factory, store());
    container.reset(); // before any invocation: nothing to reset
    KeyedService service = container.get();

    container.reset();

    assertEquals(List.of("reset"), service.hooks);
  }

  @Test
  void failedRead_failsThatInvocation_andTheNextTriesAgain() {
    ContainerService<KeyedService> container = ContainerService.fromEnvironment(env, factory,
        store(new TransientException("SSM throttled")));

    assertThrows(TransientException.class, container::get);
    assertEquals("the-real-key", container.get().key);
    assertEquals(2, reads.size());
  }
}
