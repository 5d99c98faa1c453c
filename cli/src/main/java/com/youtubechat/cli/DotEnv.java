package com.youtubechat.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code .env} file: {@code KEY=VALUE} lines, blank lines and {@code #} comments, an optional
 * {@code export } prefix, values optionally in single or double quotes (taken literally), and for
 * unquoted values a trailing {@code  # comment}. No variable expansion, no multi-line values. A line
 * that is none of these is a problem reported by its number only: its text may hold a secret.
 * Problems are worded to follow the file name: "line 3 is not KEY=VALUE".
 */
public record DotEnv(Map<String, String> variables, List<String> problems) {

  public static final String FILE_NAME = ".env";

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern INLINE_COMMENT = Pattern.compile("\\s+#.*$");

  public DotEnv {
    variables = Map.copyOf(variables);
    problems = List.copyOf(problems);
  }

  public static DotEnv empty() {
    return new DotEnv(Map.of(), List.of());
  }

  /** The file's variables; a missing file is an empty one. */
  public static DotEnv read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return empty();
    } catch (IOException e) {
      return new DotEnv(Map.of(), List.of("cannot be read (" + e.getClass().getSimpleName() + ")"));
    }
  }

  public static DotEnv parse(String text) {
    Map<String, String> variables = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      String name = eq < 0 ? "" : line.substring(0, eq).strip();
      if (!NAME.matcher(name).matches()) {
        problems.add("line " + (i + 1) + " is not KEY=VALUE");
        continue;
      }
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
        char quote = value.charAt(0);
        int end = value.indexOf(quote, 1);
        if (end < 0 || !value.substring(end + 1).strip().matches("(#.*)?")) {
          problems.add("line " + (i + 1) + " has an unterminated or malformed quoted value for " + name);
          continue;
        }
        value = value.substring(1, end);
      } else if (value.startsWith("\"") || value.startsWith("'")) {
        problems.add("line " + (i + 1) + " has an unterminated or malformed quoted value for " + name);
        continue;
      } else {
        value = INLINE_COMMENT.matcher(value).replaceFirst("");
      }
      variables.put(name, value);
    }
    return new DotEnv(variables, problems);
  }
}
