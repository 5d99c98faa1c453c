package com.youtubechat.shared.config;

import java.util.List;
import java.util.Map;

/** Reads secret values by parameter name (SSM Parameter Store in Lambda; a map in tests). */
public interface ParameterStore {

  /**
   * The decrypted values of the named parameters, by name. Throws a named error when one does not
   * exist or may not be read, never returning a partial map.
   */
  Map<String, String> read(List<String> names);
}
