package com.youtubechat.shared.xata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.config.ConfigReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class XataSettingsTest {

  private static XataSettings read(String url, String apiKey, ConfigReader[] out) {
    Map<String, String> env = new HashMap<>();
    env.put("XATA_DB_URL", url);
    if (apiKey != null) {
      env.put("XATA_API_KEY", apiKey);
    }
    ConfigReader config = new ConfigReader(env);
    XataSettings settings = XataSettings.read(config);
    out[0] = config;
    return settings;
  }

  @Test
  void legacyXataHttpsUrl_becomesTheXataPostgresEndpoint() {
    ConfigReader[] config = new ConfigReader[1];
    XataSettings s = read("https://my-workspace-abc123.eu-central-1.xata.sh/db/chat:dev", "xau_secret", config);
    assertTrue(config[0].problems().isEmpty(), config[0].problems().toString());
    assertEquals("jdbc:postgresql://eu-central-1.sql.xata.sh:5432/chat%3Adev?sslmode=require", s.jdbcUrl());
    assertEquals(Optional.of("my-workspace-abc123"), s.user());
    assertEquals(Optional.of("xau_secret"), s.password());
  }

  @Test
  void legacyUrlWithoutBranch_usesMain() {
    ConfigReader[] config = new ConfigReader[1];
    XataSettings s = read("https://ws1234.us-east-1.xata.sh/db/chat", "xau_k", config);
    assertEquals("jdbc:postgresql://us-east-1.sql.xata.sh:5432/chat%3Amain?sslmode=require", s.jdbcUrl());
  }

  @Test
  void legacyUrlWithoutApiKey_isAConfigurationProblem() {
    ConfigReader[] config = new ConfigReader[1];
    read("https://ws1234.us-east-1.xata.sh/db/chat", null, config);
    assertEquals(1, config[0].problems().size());
    assertTrue(config[0].problems().get(0).startsWith("XATA_API_KEY"));
  }

  @Test
  void postgresqlUrl_splitsCredentialsFromTheJdbcUrl() {
    ConfigReader[] config = new ConfigReader[1];
    XataSettings s = read("postgresql://app:pa%3Ass@db.example.com:6543/chat?sslmode=require", null, config);
    assertEquals("jdbc:postgresql://db.example.com:6543/chat?sslmode=require", s.jdbcUrl());
    assertEquals(Optional.of("app"), s.user());
    assertEquals(Optional.of("pa:ss"), s.password());
    assertFalse(s.toString().contains("pa:ss"), s.toString());
  }

  @Test
  void apiKey_winsOverThePasswordInTheUrl() {
    ConfigReader[] config = new ConfigReader[1];
    XataSettings s = read("postgres://app:old@localhost/chat", "new-secret", config);
    assertEquals("jdbc:postgresql://localhost/chat", s.jdbcUrl());
    assertEquals(Optional.of("new-secret"), s.password());
  }

  @Test
  void jdbcUrl_withCredentialsInTheQuery_movesThemToProperties() {
    ConfigReader[] config = new ConfigReader[1];
    XataSettings s = read("jdbc:postgresql://127.0.0.1:5432/chat?user=u&password=p&sslmode=disable", null, config);
    assertEquals("jdbc:postgresql://127.0.0.1:5432/chat?sslmode=disable", s.jdbcUrl());
    assertEquals(Optional.of("u"), s.user());
    assertEquals(Optional.of("p"), s.password());
  }

  @Test
  void unsupportedUrl_isAConfigurationProblemWithoutTheValue() {
    ConfigReader[] config = new ConfigReader[1];
    read("mysql://root:topsecret@localhost/chat", null, config);
    assertEquals(1, config[0].problems().size());
    assertFalse(config[0].problems().get(0).contains("topsecret"));
    assertTrue(config[0].problems().get(0).startsWith("XATA_DB_URL must be"));
  }
}
