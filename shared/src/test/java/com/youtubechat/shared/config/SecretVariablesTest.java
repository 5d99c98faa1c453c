package com.youtubechat.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.error.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretVariablesTest {

  private final List<List<String>> reads = new ArrayList<>();

  private ParameterStore store(Map<String, String> values) {
    return names -> {
      reads.add(names);
      return values;
    };
  }

  @Test
  void parameterVariables_areReplacedByTheirValuesInOneRead() {
    Map<String, String> env = Map.of("COHERE_API_KEY_PARAMETER", "/ytc/cohere", "XATA_DB_URL_PARAMETER", "/ytc/db",
        "COHERE_MODEL", "embed-english-v3.0");

    Map<String, String> resolved = SecretVariables.resolve(env,
        e -> store(Map.of("/ytc/cohere", "k", "/ytc/db", "postgresql://db/x")));

    assertEquals(Map.of("COHERE_API_KEY", "k", "XATA_DB_URL", "postgresql://db/x", "COHERE_MODEL", "embed-english-v3.0"),
        resolved);
    assertEquals(List.of(List.of("/ytc/db", "/ytc/cohere")), reads);
  }

  @Test
  void plainValuesOnly_createNoStore() {
    Map<String, String> env = Map.of("COHERE_API_KEY", "k");

    assertSame(env, SecretVariables.resolve(env, e -> {
      throw new AssertionError("no parameter is named, so no store may be created");
    }));
  }

  @Test
  void valueAndParameterBothSet_isRefusedNamingBoth() {
    Map<String, String> env = Map.of("PUSHER_SECRET", "s", "PUSHER_SECRET_PARAMETER", "/ytc/pusher");

    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> SecretVariables.resolve(env, x -> store(Map.of())));

    assertTrue(e.getMessage().contains("PUSHER_SECRET and PUSHER_SECRET_PARAMETER are both set"), e.getMessage());
    assertFalse(e.getMessage().contains("=s"), e.getMessage());
    assertTrue(reads.isEmpty());
  }

  @Test
  void malformedParameterName_isRefused() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> SecretVariables.resolve(Map.of("XATA_API_KEY_PARAMETER", "/ytc/key with spaces"), x -> store(Map.of())));

    assertTrue(e.getMessage().contains("XATA_API_KEY_PARAMETER is not an SSM parameter name"), e.getMessage());
  }

  @Test
  void standIns_replaceEachNamedSecret_andPassValidation() {
    Map<String, String> env = Map.of("XATA_DB_URL_PARAMETER", "/ytc/db", "YOUTUBE_PROXY_URL_PARAMETER", "/ytc/proxy",
        "GOOGLE_API_KEY", "real-key");

    Map<String, String> primed = SecretVariables.withStandIns(env);

    assertFalse(primed.containsKey("XATA_DB_URL_PARAMETER"));
    assertEquals("real-key", primed.get("GOOGLE_API_KEY"), "a plain value is kept");
    ConfigReader config = new ConfigReader(primed);
    com.youtubechat.shared.xata.XataSettings.read(config);
    com.youtubechat.shared.youtube.YoutubeSettings.read(config);
    config.validate();
  }

  @Test
  void everySecretHasAStandIn() {
    Map<String, String> env = new java.util.HashMap<>();
    SecretVariables.NAMES.forEach(name -> env.put(name + SecretVariables.PARAMETER_SUFFIX, "/ytc/" + name.toLowerCase()));

    Map<String, String> primed = SecretVariables.withStandIns(env);

    SecretVariables.NAMES.forEach(name -> assertFalse(primed.getOrDefault(name, "").isBlank(), name));
  }
}
