package com.youtubechat.cli;

import com.cohere.api.Cohere;
import com.cohere.api.core.CohereApiException;
import com.cohere.api.core.CohereException;
import com.cohere.api.core.RequestOptions;
import com.cohere.api.resources.models.requests.ModelsListRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.pusher.rest.Pusher;
import com.pusher.rest.data.Result;
import com.youtubechat.shared.cohere.CohereSettings;
import com.youtubechat.shared.aws.SsmParameterStore;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.config.SecretVariables;
import com.youtubechat.shared.pusher.PusherSettings;
import com.youtubechat.shared.xata.XataConnection;
import com.youtubechat.shared.xata.XataSettings;
import com.youtubechat.shared.youtube.WatchPage;
import com.youtubechat.shared.youtube.YoutubeHttp;
import com.youtubechat.shared.youtube.YoutubeSettings;
import com.youtubechat.shared.youtube.YoutubeWebClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import picocli.CommandLine.Option;

@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {
        "Check the configuration and reach every configured service (database, YouTube, Cohere, Pusher, AWS).",
        "%nChecks the configuration (every missing or malformed variable, by name) and reaches each configured"
            + " service: the database (connect, schema present), YouTube (a watch page through YOUTUBE_BASE_URL"
            + " and YOUTUBE_PROXY_URL), Cohere (lists one model with COHERE_API_KEY), Pusher (a signed GET of the"
            + " app's channels) and AWS (describes the default event bus).",
        "%nWhen *_PARAMETER variables name SSM parameters (as the deployed functions get them), reads them"
            + " first with this machine's AWS credentials and checks the services with their values.",
        "%nA service whose variables are all unset is skipped. Exit status 1 when anything failed."})
final class DoctorCommand extends BaseCommand {

  /** "Me at the zoo", YouTube's first video: public since 2005 and not going anywhere. */
  static final String KNOWN_VIDEO = "jNQXAC9IVRw";

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "How long each service may take to answer (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  DoctorCommand(CliContext context) {
    super(context);
  }

  /** A check's result: passed (with what was seen), skipped, or failed (with why). */
  record Outcome(String state, String text) {
    static Outcome ok(String text) {
      return new Outcome("ok", text);
    }

    static Outcome skipped() {
      return new Outcome("skipped", "not configured");
    }

    static Outcome failed(String reason) {
      return new Outcome("FAILED", reason);
    }

    boolean failed() {
      return state.equals("FAILED");
    }

    String line() {
      return switch (state) {
        case "ok" -> "ok: " + text;
        case "skipped" -> "skipped (" + text + ")";
        default -> "FAILED: " + text;
      };
    }
  }

  /** One service: its settings as read (empty when not configured) and the problems reading them found. */
  private record Service<S>(String name, Optional<S> settings, List<String> problems, Function<S, Outcome> check) {}

  @Override
  public Integer call() throws InterruptedException {
    if (timeoutSeconds < 1 || timeoutSeconds > 600) {
      throw usageError("--timeout must be between 1 and 600 seconds");
    }
    Environment configured = context.environment();
    Optional<Outcome> secrets = Optional.empty();
    if (namesSsmParameters(configured)) {
      // The secrets first: the other checks use the values they hold.
      SsmSecrets read = readSecrets(configured);
      secrets = Optional.of(read.outcome());
      configured = read.environment();
    }
    Environment env = configured;
    // The CLI's output already hides the secrets it was given; these came from SSM just now.
    Redactor resolvedSecrets = Redactor.forEnvironment(env.variables());
    List<Service<?>> services = List.of(
        read("database", env, env.get("XATA_DB_URL").isPresent(), XataSettings::read, this::checkDatabase),
        read("youtube", env, true, YoutubeSettings::read, this::checkYoutube),
        read("cohere", env, env.get("COHERE_API_KEY").isPresent(), CohereSettings::read, this::checkCohere),
        read("pusher", env, Stream.of("PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET").anyMatch(name -> env.get(name).isPresent()),
            PusherSettings::read, this::checkPusher),
        readAws(env));

    List<String> problems = new ArrayList<>(env.problems());
    services.forEach(service -> problems.addAll(service.problems()));
    var out = context.out();
    if (problems.isEmpty()) {
      out.println(row("configuration", "ok"));
    } else {
      out.println(row("configuration", "FAILED: " + problems.size() + (problems.size() == 1 ? " problem" : " problems")));
      problems.forEach(problem -> out.println("  - " + problem));
    }
    boolean secretsFailed = secrets.map(Outcome::failed).orElse(false);
    secrets.ifPresent(outcome -> out.println(row("secrets", outcome.line())));

    // Not try-with-resources: closing an executor waits for its tasks, and a check past its timeout
    // is abandoned instead (its virtual thread ends with the JVM).
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    try {
      Map<String, Future<Outcome>> running = new LinkedHashMap<>();
      for (Service<?> service : services) {
        running.put(service.name(), executor.submit(() -> run(service)));
      }
      boolean failed = !problems.isEmpty() || secretsFailed;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds + 5L); // all run at once
      for (var entry : running.entrySet()) {
        Outcome outcome = await(entry.getValue(), deadline);
        failed |= outcome.failed();
        out.println(resolvedSecrets.redact(row(entry.getKey(), outcome.line())));
        out.flush();
      }
      return failed ? 1 : 0;
    } finally {
      executor.shutdownNow();
    }
  }

  private static boolean namesSsmParameters(Environment env) {
    return SecretVariables.NAMES.stream().anyMatch(name -> env.get(name + SecretVariables.PARAMETER_SUFFIX).isPresent());
  }

  private record SsmSecrets(Outcome outcome, Environment environment) {}

  /**
   * Reads the SSM parameters the *_PARAMETER variables name, as the functions will (one signed
   * GetParameters call), with this machine's AWS credentials and region: whether each exists and
   * may be read. On success the other checks see the values; on failure, the names stay unresolved.
   */
  private SsmSecrets readSecrets(Environment env) {
    try (AwsClients aws = new AwsClients(env, Optional.empty())) {
      Map<String, String> names = SecretVariables.parameterNames(env.variables());
      Map<String, String> withCredentials = new java.util.HashMap<>(env.variables());
      withCredentials.put("AWS_REGION", aws.region().id());
      AwsCredentialsIdentity identity = aws.credentials().resolveIdentity().join();
      withCredentials.put("AWS_ACCESS_KEY_ID", identity.accessKeyId());
      withCredentials.put("AWS_SECRET_ACCESS_KEY", identity.secretAccessKey());
      if (identity instanceof AwsSessionCredentialsIdentity session) {
        withCredentials.put("AWS_SESSION_TOKEN", session.sessionToken());
      } else {
        withCredentials.remove("AWS_SESSION_TOKEN");
      }
      Map<String, String> resolved = SecretVariables.resolve(withCredentials, SsmParameterStore::fromEnvironment);
      Map<String, String> variables = new java.util.HashMap<>(env.variables());
      names.keySet().forEach(variable -> {
        variables.remove(variable + SecretVariables.PARAMETER_SUFFIX);
        variables.put(variable, resolved.get(variable));
      });
      return new SsmSecrets(Outcome.ok(names.size() + " SSM parameters read in " + aws.region().id() + " ("
          + String.join(", ", new java.util.TreeSet<>(names.values())) + ")"), new Environment(variables, List.of()));
    } catch (RuntimeException e) {
      return new SsmSecrets(Outcome.failed(Failures.describe(e)), env);
    }
  }

  private static String row(String name, String text) {
    return String.format(Locale.ROOT, "%-14s %s", name, text);
  }

  private <S> Outcome run(Service<S> service) {
    if (!service.problems().isEmpty()) {
      return Outcome.failed("not checked: its configuration has problems (above)");
    }
    if (service.settings().isEmpty()) {
      return Outcome.skipped();
    }
    try {
      return service.check().apply(service.settings().get());
    } catch (RuntimeException e) {
      return Outcome.failed(Failures.describe(e));
    }
  }

  private Outcome await(Future<Outcome> future, long deadline) throws InterruptedException {
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return Outcome.failed("no answer within " + timeoutSeconds + " s");
    } catch (java.util.concurrent.ExecutionException e) {
      return Outcome.failed(Failures.describe(e.getCause()));
    }
  }

  /**
   * A service's settings read with a reader of its own, so each problem belongs to one service. A
   * service whose key variables are all unset is not configured: it is skipped, and what reading its
   * settings complained about (the very variables that are unset) is not a problem.
   */
  private static <S> Service<S> read(String name, Environment env, boolean configured,
      Function<ConfigReader, S> reader, Function<S, Outcome> check) {
    ConfigReader config = new ConfigReader(env.variables());
    S settings = reader.apply(config);
    return configured ? new Service<>(name, Optional.of(settings), config.problems(), check)
        : new Service<>(name, Optional.empty(), List.of(), check);
  }

  private Service<AwsClients> readAws(Environment env) {
    List<String> problems = new ArrayList<>();
    env.get("AWS_ENDPOINT_URL").ifPresent(url -> {
      if (!url.matches("https?://[^\\s/]+.*")) {
        problems.add("AWS_ENDPOINT_URL must be an absolute http:// or https:// URL");
      }
    });
    boolean configured = AwsClients.configured(env) && problems.isEmpty();
    return new Service<>("aws", configured ? Optional.of(new AwsClients(env, Optional.empty())) : Optional.empty(),
        problems, this::checkAws);
  }

  private Outcome checkDatabase(XataSettings settings) {
    try (XataConnection database = new XataConnection(settings)) {
      List<String> missing = Databases.missingTables(database);
      if (!missing.isEmpty()) {
        return Outcome.failed("connected to " + Databases.displayUrl(settings) + ", but the schema is missing"
            + " (no table " + String.join(", ", missing) + "): run 'youtube-chat db migrate'");
      }
      return Outcome.ok(Databases.displayUrl(settings) + ", schema present");
    }
  }

  private Outcome checkYoutube(YoutubeSettings settings) {
    YoutubeSettings bounded = new YoutubeSettings(settings.baseUrl(), settings.dataApiBaseUrl(),
        settings.googleApiKey(), settings.clients(),
        settings.proxy(), min(settings.timeout(), Duration.ofSeconds(timeoutSeconds)), settings.transcriptLanguages());
    long start = System.nanoTime();
    WatchPage page = new YoutubeWebClient(bounded, new YoutubeHttp(bounded)).watchPage(KNOWN_VIDEO);
    long millis = (System.nanoTime() - start) / 1_000_000;
    String via = settings.proxy().map(proxy -> " via proxy " + proxy).orElse("");
    Optional<JsonNode> player = page.initialPlayerResponse();
    if (player.isEmpty()) {
      return Outcome.failed("the watch page of " + KNOWN_VIDEO + " from " + settings.baseUrl() + via
          + " has no player response: not a YouTube watch page (check YOUTUBE_BASE_URL), or YouTube changed it");
    }
    JsonNode playability = player.get().path("playabilityStatus");
    String status = playability.path("status").asText("");
    if (!status.equals("OK")) {
      return Outcome.failed("YouTube served the watch page of " + KNOWN_VIDEO + via + " but will not play it here ("
          + status + ": " + playability.path("reason").asText("no reason given") + "). If this is a bot check,"
          + " YouTube blocks this IP: set YOUTUBE_PROXY_URL to a residential HTTP proxy");
    }
    return Outcome.ok("watch page of " + KNOWN_VIDEO + " from " + settings.baseUrl() + via + " in " + millis + " ms");
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private Outcome checkCohere(CohereSettings settings) {
    Cohere cohere = Cohere.builder()
        .token(settings.apiKey())
        .clientName("youtube-chat")
        .url(settings.baseUrl().toString())
        .timeout(timeoutSeconds)
        .maxRetries(0)
        .build();
    try {
      cohere.models().list(ModelsListRequest.builder().pageSize(1.0).build(),
          RequestOptions.builder().timeout(timeoutSeconds, TimeUnit.SECONDS).build());
      return Outcome.ok("COHERE_API_KEY accepted by " + settings.baseUrl() + " (listed models)");
    } catch (CohereApiException e) {
      int status = e.statusCode();
      if (status == 401 || status == 498) {
        return Outcome.failed("Cohere refused COHERE_API_KEY (HTTP " + status + "): check the key at dashboard.cohere.com");
      }
      return Outcome.failed("Cohere answered HTTP " + status + " to GET /v1/models: " + Failures.oneLine(String.valueOf(e.body())));
    } catch (CohereException e) {
      return Outcome.failed("Could not reach Cohere at " + settings.baseUrl() + ": " + e.getMessage()
          + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
    }
  }

  private Outcome checkPusher(PusherSettings settings) {
    try (Pusher pusher = new Pusher(settings.appId(), settings.key(), settings.secret())) {
      String where;
      if (settings.baseUrl().isPresent()) {
        URI base = settings.baseUrl().get();
        pusher.setHost(base.getPort() > 0 ? base.getHost() + ":" + base.getPort() : base.getHost());
        pusher.setEncrypted("https".equals(base.getScheme()));
        where = base.toString();
      } else {
        pusher.setCluster(settings.cluster());
        pusher.setEncrypted(true);
        where = "cluster " + settings.cluster();
      }
      pusher.setRequestTimeout(timeoutSeconds * 1_000);
      Result result = pusher.get("/channels");
      Integer status = result.getHttpStatus();
      if (status != null && status == 200) {
        return Outcome.ok("app " + settings.appId() + " (" + where + ") accepted the credentials");
      }
      if (status == null) {
        return Outcome.failed("Could not reach Pusher (" + where + "): " + Failures.oneLine(result.getMessage()));
      }
      String hint = switch (status) {
        case 401, 403 -> ": check PUSHER_KEY and PUSHER_SECRET (and this machine's clock)";
        case 404 -> ": PUSHER_APP_ID or PUSHER_CLUSTER does not name an existing app";
        default -> "";
      };
      return Outcome.failed("Pusher (" + where + ") answered HTTP " + status + " to a signed GET /apps/"
          + settings.appId() + "/channels" + hint + " (" + Failures.oneLine(result.getMessage()) + ")");
    } catch (Exception e) {
      return e instanceof RuntimeException runtime ? Outcome.failed(Failures.describe(runtime))
          : Outcome.failed("closing the Pusher client failed: " + e);
    }
  }

  private Outcome checkAws(AwsClients aws) {
    try (aws) {
      var bus = aws.eventBridge().describeEventBus(request -> request.name("default"));
      return Outcome.ok("region " + aws.region() + aws.endpoint().map(url -> " at " + url).orElse("")
          + ", event bus " + bus.arn());
    }
  }
}
