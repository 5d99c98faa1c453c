package com.youtubechat.shared.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChunkerSettingsTest {

  @Test
  void unset_usesDocumentedDefaultsWellUnderTheModelLimit() {
    ConfigReader config = new ConfigReader(Map.of());

    ChunkerSettings settings = ChunkerSettings.read(config);

    assertEquals(new ChunkerSettings(360, 48), settings);
    assertEquals(ChunkerSettings.defaults(), settings);
    assertTrue(settings.maxTokens() < TokenEstimator.MODEL_MAX_INPUT_TOKENS * 3 / 4);
    assertEquals(List.of(), config.problems());
  }

  @Test
  void validValues_areRead() {
    ConfigReader config = new ConfigReader(Map.of("CHUNK_MAX_TOKENS", "300", "CHUNK_OVERLAP_TOKENS", " 0 "));

    assertEquals(new ChunkerSettings(300, 0), ChunkerSettings.read(config));
    assertEquals(List.of(), config.problems());
  }

  @Test
  void onlyMaxSet_overlapDefaultsToTwoFifteenthsOfIt() {
    ConfigReader config = new ConfigReader(Map.of("CHUNK_MAX_TOKENS", "150"));

    assertEquals(new ChunkerSettings(150, 20), ChunkerSettings.read(config));
  }

  @Test
  void maxOutOfBounds_isAProblemNamingTheVariable() {
    for (String value : List.of("63", "401", "512", "-1", "lots")) {
      ConfigReader config = new ConfigReader(Map.of("CHUNK_MAX_TOKENS", value));

      ChunkerSettings settings = ChunkerSettings.read(config);

      assertEquals(ChunkerSettings.defaults(), settings, value);
      assertEquals(1, config.problems().size(), value);
      assertTrue(config.problems().getFirst().startsWith("CHUNK_MAX_TOKENS "), config.problems().toString());
    }
  }

  @Test
  void overlapOfHalfTheMaxOrMore_isAProblemAndFallsBackToAValidOverlap() {
    ConfigReader config = new ConfigReader(Map.of("CHUNK_MAX_TOKENS", "100", "CHUNK_OVERLAP_TOKENS", "50"));

    ChunkerSettings settings = ChunkerSettings.read(config);

    assertEquals(new ChunkerSettings(100, 13), settings);
    assertEquals(List.of("CHUNK_OVERLAP_TOKENS must be less than half of CHUNK_MAX_TOKENS"), config.problems());
    ConfigurationException e = assertThrows(ConfigurationException.class, config::validate);
    assertTrue(e.getMessage().contains("CHUNK_OVERLAP_TOKENS"), e.getMessage());
  }

  @Test
  void overlapJustUnderHalf_isAccepted() {
    ConfigReader config = new ConfigReader(Map.of("CHUNK_MAX_TOKENS", "101", "CHUNK_OVERLAP_TOKENS", "50"));

    assertEquals(new ChunkerSettings(101, 50), ChunkerSettings.read(config));
    assertEquals(List.of(), config.problems());
  }

  @Test
  void constructor_rejectsWhatTheChunkerCannotHonour() {
    assertThrows(IllegalArgumentException.class, () -> new ChunkerSettings(63, 0));
    assertThrows(IllegalArgumentException.class, () -> new ChunkerSettings(513, 0));
    assertThrows(IllegalArgumentException.class, () -> new ChunkerSettings(100, 50));
    assertThrows(IllegalArgumentException.class, () -> new ChunkerSettings(100, -1));
  }
}
