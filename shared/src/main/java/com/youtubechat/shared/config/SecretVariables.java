package com.youtubechat.shared.config;

import com.youtubechat.shared.error.ConfigurationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The configuration variables that hold secrets, and where their values come from. Each may be set
 * directly ({@code COHERE_API_KEY=…}: local runs, tests, the demo) or as the name of an SSM
 * {@code SecureString} parameter ({@code COHERE_API_KEY_PARAMETER=/youtube-chat/cohere-api-key}: the
 * deployed stack, {@code sam local}), so the Lambda configuration holds names, never values.
 */
public final class SecretVariables {

  /** The suffix that turns a secret variable into the name of the parameter holding its value. */
  public static final String PARAMETER_SUFFIX = "_PARAMETER";

  /**
   * Every secret variable, with a stand-in value that passes validation. Priming builds a service
   * from the stand-ins, so SnapStart's snapshot holds no secret and no SSM call happens before it.
   */
  private static final Map<String, String> STAND_INS = orderedMap(
      "XATA_DB_URL", "postgresql://primed@localhost:5432/primed",
      "XATA_API_KEY", "primed",
      "GOOGLE_API_KEY", "primed",
      "YOUTUBE_PROXY_URL", "http://primed:primed@localhost:3128",
      "COHERE_API_KEY", "primed",
      "PUSHER_SECRET", "primed");

  public static final List<String> NAMES = List.copyOf(STAND_INS.keySet());

  private SecretVariables() {}

  /**
   * The environment with each {@code X_PARAMETER} replaced by {@code X} holding the parameter's
   * value, read in one call to {@code store}, which is created only when some parameter is named.
   * Setting both {@code X} and {@code X_PARAMETER} is refused: which one wins would be a guess.
   */
  public static Map<String, String> resolve(Map<String, String> env,
      Function<Map<String, String>, ParameterStore> store) {
    Map<String, String> parameterByVariable = parameterNames(env);
    if (parameterByVariable.isEmpty()) {
      return env;
    }
    Map<String, String> values = store.apply(env).read(parameterByVariable.values().stream().distinct().toList());
    Map<String, String> resolved = new HashMap<>(env);
    parameterByVariable.forEach((variable, parameter) -> {
      resolved.remove(variable + PARAMETER_SUFFIX);
      resolved.put(variable, values.get(parameter));
    });
    return resolved;
  }

  /** The environment with a stand-in for each secret named by a parameter (SnapStart priming). */
  public static Map<String, String> withStandIns(Map<String, String> env) {
    Map<String, String> primed = new HashMap<>(env);
    parameterNames(env).keySet().forEach(variable -> {
      primed.remove(variable + PARAMETER_SUFFIX);
      primed.put(variable, STAND_INS.get(variable));
    });
    return primed;
  }

  /** Secret variable → the SSM parameter that holds its value, for each one set that way. */
  public static Map<String, String> parameterNames(Map<String, String> env) {
    Map<String, String> names = new LinkedHashMap<>();
    List<String> both = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    for (String variable : NAMES) {
      String parameter = blankToNull(env.get(variable + PARAMETER_SUFFIX));
      if (parameter == null) {
        continue;
      }
      if (blankToNull(env.get(variable)) != null) {
        both.add(variable);
      } else if (!parameter.matches("[a-zA-Z0-9_.\\-/]{1,1011}")) {
        malformed.add(variable + PARAMETER_SUFFIX);
      } else {
        names.put(variable, parameter);
      }
    }
    List<String> problems = new ArrayList<>();
    both.forEach(v -> problems.add(v + " and " + v + PARAMETER_SUFFIX + " are both set: keep one (the value for"
        + " local runs, the SSM parameter name when deployed)"));
    malformed.forEach(v -> problems.add(v + " is not an SSM parameter name (letters, digits, _ . - /)"));
    if (!problems.isEmpty()) {
      throw new ConfigurationException("Invalid configuration: " + String.join("; ", problems));
    }
    return names;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
