package com.youtubechat.cli;

import com.youtubechat.shared.config.ConfigReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration the commands see: the process environment over the working directory's
 * {@code .env} file (a variable set in the environment wins, even when it is set to an empty value).
 */
public final class Environment {

  private final Map<String, String> variables;
  private final List<String> problems;
  private final Set<String> fromDotEnv;

  public Environment(Map<String, String> variables, List<String> problems) {
    this(variables, problems, Set.of());
  }

  private Environment(Map<String, String> variables, List<String> problems, Set<String> fromDotEnv) {
    this.variables = Map.copyOf(variables);
    this.problems = List.copyOf(problems);
    this.fromDotEnv = Set.copyOf(fromDotEnv);
  }

  public static Environment of(Map<String, String> processEnvironment, Path workingDirectory) {
    DotEnv dotEnv = DotEnv.read(workingDirectory.resolve(DotEnv.FILE_NAME));
    Map<String, String> merged = new HashMap<>(dotEnv.variables());
    merged.putAll(processEnvironment);
    Set<String> fromDotEnv = new HashSet<>(dotEnv.variables().keySet());
    fromDotEnv.removeAll(processEnvironment.keySet());
    return new Environment(merged, dotEnv.problems(), fromDotEnv);
  }

  public static Environment ofProcess() {
    return of(System.getenv(), Path.of("").toAbsolutePath());
  }

  public Map<String, String> variables() {
    return variables;
  }

  /** The variable's value, stripped, or empty when it is unset or blank. */
  public Optional<String> get(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** Whether the variable's value comes from the {@code .env} file (it is not set in the process environment). */
  public boolean fromDotEnv(String name) {
    return fromDotEnv.contains(name);
  }

  /** Problems with the {@code .env} file itself (malformed lines, by number), e.g. ".env line 3 is not KEY=VALUE". */
  public List<String> problems() {
    return problems.stream().map(problem -> DotEnv.FILE_NAME + " " + problem).toList();
  }

  /** A fresh reader over these variables, holding the {@code .env} problems already. */
  public ConfigReader config() {
    ConfigReader config = new ConfigReader(variables);
    problems.forEach(problem -> config.problem(DotEnv.FILE_NAME, problem));
    return config;
  }
}
