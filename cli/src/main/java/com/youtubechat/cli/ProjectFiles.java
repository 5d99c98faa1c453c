package com.youtubechat.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@code demo} and {@code run} read {@code template.yaml} and the state machine's ASL: the
 * working directory when it is the project's root (so edits show at once), else the copies the
 * build bundled into the jar under {@code sam-project/} (read in place, through a zip file system).
 */
final class ProjectFiles implements AutoCloseable {

  static final String TEMPLATE = "template.yaml";
  static final String ASL = "statemachine/youtube-chat.asl.json";
  static final String BUNDLED = "/sam-project/" + TEMPLATE;

  private final Path root;
  private final String description;
  private final FileSystem opened;

  private ProjectFiles(Path root, String description, FileSystem opened) {
    this.root = root;
    this.description = description;
    this.opened = opened;
  }

  static ProjectFiles locate(Path workingDirectory) {
    if (Files.isRegularFile(workingDirectory.resolve(TEMPLATE)) && Files.isRegularFile(workingDirectory.resolve(ASL))) {
      return new ProjectFiles(workingDirectory, TEMPLATE + " and " + ASL + " in " + workingDirectory, null);
    }
    return bundled();
  }

  static ProjectFiles bundled() {
    URL resource = ProjectFiles.class.getResource(BUNDLED);
    if (resource == null) {
      throw new CommandFailure("This build has no bundled " + TEMPLATE + " (sam-project/ is missing from the jar):"
          + " run the command in the project's directory, or rebuild with 'make cli'");
    }
    try {
      URI uri = resource.toURI();
      String where = TEMPLATE + " and " + ASL + " bundled in the jar";
      if (!"jar".equals(uri.getScheme())) {
        return new ProjectFiles(Path.of(uri).getParent(), where, null); // classes directory (tests)
      }
      FileSystem opened = null;
      try {
        opened = FileSystems.newFileSystem(uri, Map.of());
      } catch (FileSystemAlreadyExistsException e) {
        // opened elsewhere in this JVM: use it, leave it open
      }
      return new ProjectFiles(Path.of(uri).getParent(), where, opened);
    } catch (URISyntaxException | IOException e) {
      throw new CommandFailure("Cannot read the bundled " + TEMPLATE + ": " + e.getMessage(), e);
    }
  }

  /** The directory holding template.yaml (and statemachine/). */
  Path root() {
    return root;
  }

  /** Where the files come from, for the output. */
  String description() {
    return description;
  }

  @Override
  public void close() {
    if (opened != null) {
      try {
        opened.close();
      } catch (IOException e) {
        // read-only: nothing to lose
      }
    }
  }
}
