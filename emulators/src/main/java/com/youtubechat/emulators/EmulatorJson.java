package com.youtubechat.emulators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The emulators' own JSON mapper: they speak the services' wire formats, not the project's. */
final class EmulatorJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private EmulatorJson() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
