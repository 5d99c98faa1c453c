package com.youtubechat.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project root in tests: the module's parent when Maven runs them (cwd = module), or the cwd itself. */
final class ProjectRoot {

  private ProjectRoot() {}

  static Path find() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path candidate : new Path[] {cwd, cwd.getParent()}) {
      if (candidate != null && Files.isRegularFile(candidate.resolve("template.yaml"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("template.yaml not found in " + cwd + " or its parent");
  }
}
