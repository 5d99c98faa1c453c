package com.youtubechat.cli;

import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.xata.XataConnection;
import com.youtubechat.shared.xata.XataSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for {@code demo}: initdb into a new temporary directory, started on
 * a free loopback port (no Unix socket, trust authentication, durability off), one database
 * created. {@link #close} stops it and deletes the directory; a shutdown hook does the same when
 * the JVM ends first (Ctrl-C). PostgreSQL refuses to run as root, so as root every server command
 * runs as the {@code postgres} user through {@code runuser}, which then owns the directory.
 */
final class LocalPostgres implements AutoCloseable {

  static final String DATABASE = "youtube_chat_demo";
  static final Path DEBIAN_BIN = Path.of("/usr/lib/postgresql/15/bin");
  static final String SERVER_USER = "postgres";
  private static final int START_ATTEMPTS = 3;
  private static final long COMMAND_TIMEOUT_SECONDS = 60;

  private final Path bin;
  private final Path directory;
  private final List<String> asServerUser;
  private final Thread shutdownHook;
  private int port;
  private long postmasterPid = -1;
  private boolean closed;
  /** The server command running now (initdb, pg_ctl), for the shutdown hook to stop first. */
  private volatile Process running;

  private LocalPostgres(Path bin, Path directory, List<String> asServerUser) {
    this.bin = bin;
    this.directory = directory;
    this.asServerUser = asServerUser;
    this.shutdownHook = Thread.ofPlatform().unstarted(this::stopAndDelete);
  }

  /**
   * The server binaries: {@code PG_BIN}, else {@code /usr/lib/postgresql/15/bin} when it has them,
   * else {@code pg_config --bindir}.
   */
  static Path findBinaries(Environment environment) {
    Optional<String> configured = environment.get("PG_BIN");
    if (configured.isPresent()) {
      Path bin = Path.of(configured.get());
      if (!hasServer(bin)) {
        throw new CommandFailure("PG_BIN names " + bin + ", which has no initdb and pg_ctl: point it at a PostgreSQL"
            + " server's bin directory, or set XATA_DB_URL to use an existing database");
      }
      return bin;
    }
    if (hasServer(DEBIAN_BIN)) {
      return DEBIAN_BIN;
    }
    Optional<Path> fromPgConfig = pgConfigBindir().filter(LocalPostgres::hasServer);
    return fromPgConfig.orElseThrow(() -> new CommandFailure("No PostgreSQL server found (no initdb and pg_ctl in "
        + DEBIAN_BIN + " or in pg_config --bindir): install PostgreSQL 15 (Debian: postgresql-15) or set PG_BIN to its"
        + " bin directory; or set XATA_DB_URL to use an existing database"));
  }

  private static boolean hasServer(Path bin) {
    return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
  }

  private static Optional<Path> pgConfigBindir() {
    try {
      Process process = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 && !out.isEmpty()
          ? Optional.of(Path.of(out)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // no pg_config on PATH
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Initialises, starts and creates {@value #DATABASE}; on any failure nothing is left behind. */
  static LocalPostgres start(Path bin) {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path directory;
    try {
      directory = Files.createTempDirectory("youtube-chat-demo-pg-");
    } catch (IOException e) {
      throw new CommandFailure("Cannot create a temporary directory for PostgreSQL: " + e.getMessage(), e);
    }
    LocalPostgres server = new LocalPostgres(bin, directory,
        root ? List.of("runuser", "-u", SERVER_USER, "--") : List.of());
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    try {
      if (root) {
        server.handOverToServerUser();
      }
      server.initdb();
      server.startOnFreePort();
      server.createDatabase();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** {@code postgresql://postgres@127.0.0.1:<port>/youtube_chat_demo}: trust authentication, no password. */
  String url() {
    return "postgresql://" + SERVER_USER + "@127.0.0.1:" + port + "/" + DATABASE;
  }

  XataSettings settings() {
    ConfigReader config = new ConfigReader(Map.of("XATA_DB_URL", url()));
    XataSettings settings = XataSettings.read(config);
    config.validate();
    return settings;
  }

  int port() {
    return port;
  }

  /** The temporary directory: the data directory ({@code data/}) and the server log. */
  Path directory() {
    return directory;
  }

  private void handOverToServerUser() {
    try {
      UserPrincipal owner = FileSystems.getDefault().getUserPrincipalLookupService()
          .lookupPrincipalByName(SERVER_USER);
      Files.setOwner(directory, owner);
    } catch (UserPrincipalNotFoundException e) {
      throw new CommandFailure("Running as root, and PostgreSQL refuses to run as root: the server runs as the '"
          + SERVER_USER + "' user, which does not exist here. Run the demo as another user, or set XATA_DB_URL");
    } catch (IOException e) {
      throw new CommandFailure("Cannot hand " + directory + " to the '" + SERVER_USER + "' user: " + e.getMessage(), e);
    }
  }

  private void initdb() {
    run("initdb", List.of(bin.resolve("initdb").toString(), "-D", dataDirectory().toString(), "-A", "trust",
        "-U", SERVER_USER, "-E", "UTF8", "--no-locale", "--no-sync"));
  }

  /** A free port can be taken by another process before the server binds it: then try another. */
  private void startOnFreePort() {
    Path log = directory.resolve("server.log");
    for (int attempt = 1; ; attempt++) {
      port = freePort();
      String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
          + " -c fsync=off -c full_page_writes=off -c synchronous_commit=off";
      Result result = exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDirectory().toString(), "-l",
          log.toString(), "-w", "-t", "60", "-o", options, "start"));
      if (result.status() == 0) {
        postmasterPid = readPostmasterPid();
        return;
      }
      String serverLog = readQuietly(log);
      if (attempt < START_ATTEMPTS && serverLog.contains("could not bind")) {
        continue;
      }
      throw new CommandFailure("PostgreSQL did not start (pg_ctl exit " + result.status() + "): "
          + Failures.oneLine(lastLines(result.output() + "\n" + serverLog, 3)));
    }
  }

  private void createDatabase() {
    ConfigReader config = new ConfigReader(Map.of("XATA_DB_URL",
        "postgresql://" + SERVER_USER + "@127.0.0.1:" + port + "/postgres"));
    XataSettings admin = XataSettings.read(config);
    config.validate();
    try (XataConnection database = new XataConnection(admin)) {
      database.run("Creating the demo database", connection -> {
        try (var statement = connection.createStatement()) {
          statement.execute("CREATE DATABASE " + DATABASE);
        }
        return null;
      });
    }
  }

  /** Whether the server can create the {@code vector} extension (pgvector installed). */
  boolean hasPgvector() {
    try (XataConnection database = new XataConnection(settings())) {
      return database.run("Looking for pgvector", connection -> {
        try (var statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")) {
          return rs.next();
        }
      });
    }
  }

  /** The server's version, e.g. {@code 15.20}. */
  String version() {
    try (XataConnection database = new XataConnection(settings())) {
      return database.run("Reading the server version", connection -> {
        try (var statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version")) {
          rs.next();
          return rs.getString(1).split(" ")[0];
        }
      });
    }
  }

  /** Stops the server and deletes its directory; safe to call again, and from the shutdown hook. */
  @Override
  public void close() {
    stopAndDelete();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: nothing to remove
    }
  }

  private synchronized void stopAndDelete() {
    if (closed) {
      return;
    }
    closed = true;
    stopRunningCommand();
    Path pidFile = dataDirectory().resolve("postmaster.pid");
    if (Files.exists(pidFile)) {
      // -w: returns once the postmaster has removed its pid file, the last thing it does after its
      // children have exited; from then on nothing writes to the directory.
      exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDirectory().toString(), "-m", "immediate", "-w",
          "stop"));
    }
    if (Files.exists(pidFile)) {
      killPostmaster();
    }
    deleteRecursively(directory);
  }

  /**
   * The JVM is ending (Ctrl-C) while initdb or pg_ctl start runs: kill it and what it started, so
   * that nothing writes into the directory while it is deleted.
   */
  private void stopRunningCommand() {
    Process process = running;
    if (process == null || !process.isAlive()) {
      return;
    }
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // gone or stuck: the deletion below does what it can
      }
    }
  }

  /** pg_ctl could not stop the server: kill it, and wait (a little) for it to go. */
  private void killPostmaster() {
    Optional<ProcessHandle> postmaster = postmasterPid > 0 ? ProcessHandle.of(postmasterPid) : Optional.empty();
    if (postmaster.isEmpty()) {
      return;
    }
    postmaster.get().destroyForcibly();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (postmaster.get().isAlive() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Path dataDirectory() {
    return directory.resolve("data");
  }

  private long readPostmasterPid() {
    try {
      return Long.parseLong(Files.readAllLines(dataDirectory().resolve("postmaster.pid")).get(0).strip());
    } catch (IOException | RuntimeException e) {
      return -1; // only used to wait for the exit
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private record Result(int status, String output) {}

  private void run(String what, List<String> command) {
    Result result = exec(command);
    if (result.status() != 0) {
      throw new CommandFailure(what + " failed (exit " + result.status() + "): "
          + Failures.oneLine(lastLines(result.output(), 3)));
    }
  }

  /** Runs a server command (as the server user when root), its output captured. */
  private Result exec(List<String> command) {
    List<String> full = new ArrayList<>(asServerUser);
    full.addAll(command);
    try {
      Process process = new ProcessBuilder(full).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
      running = process;
      try {
        // pg_ctl start leaves the server running with the log file as its output, so this ends.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return new Result(-1, output + "\n(timed out after " + COMMAND_TIMEOUT_SECONDS + " s)");
        }
        return new Result(process.exitValue(), output);
      } finally {
        running = null;
      }
    } catch (IOException e) {
      return new Result(-1, "cannot run " + full.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String lastLines(String text, int count) {
    List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }

  /** Deletes the tree; a file vanishing or appearing meanwhile only costs another pass. Never throws. */
  private static void deleteRecursively(Path root) {
    for (int pass = 0; pass < 3 && Files.exists(root); pass++) {
      try (Stream<Path> paths = Files.walk(root)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> {
          try {
            Files.deleteIfExists(path);
          } catch (IOException e) {
            // the next pass, or the warning below
          }
        });
      } catch (IOException | UncheckedIOException e) {
        // the next pass, or the warning below
      }
    }
    if (Files.exists(root)) {
      System.err.println("warning: could not delete " + root + " completely; remove it by hand");
    }
  }
}
