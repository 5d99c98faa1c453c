package com.youtubechat.cli;

import com.youtubechat.shared.config.SecretVariables;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of defence for "secrets are never printed": every line the CLI writes passes
 * through here, and any configured secret in it becomes {@code ****}. Secrets are the values of
 * variables whose name says key, secret, token, password or credential, and the passwords inside
 * any URL-valued variable (userinfo or a {@code password=} query parameter). Values shorter than 4
 * characters are left alone (replacing them would garble ordinary text). The commands do not print
 * secrets in the first place; this catches what a library puts into an exception message.
 */
public final class Redactor {

  public static final String MASK = "****";
  private static final int MIN_LENGTH = 4;
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL).*");
  private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)[?&]password=([^&#]+)");

  private final List<String> secrets;

  public Redactor(Set<String> secrets) {
    this.secrets = secrets.stream()
        .filter(secret -> secret != null && secret.length() >= MIN_LENGTH)
        .distinct()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  public static Redactor none() {
    return new Redactor(Set.of());
  }

  public static Redactor forEnvironment(Map<String, String> variables) {
    Set<String> secrets = new LinkedHashSet<>();
    variables.forEach((name, value) -> {
      if (value == null || value.isBlank()) {
        return;
      }
      // X_PARAMETER holds the name of the SSM parameter with the secret, not the secret: printing it helps.
      if (SECRET_NAME.matcher(name).matches() && !name.endsWith(SecretVariables.PARAMETER_SUFFIX)) {
        secrets.add(value);
        secrets.add(value.strip());
      }
      if (value.contains("://")) {
        urlPasswords(value.strip(), secrets);
      }
    });
    return new Redactor(secrets);
  }

  private static void urlPasswords(String url, Set<String> into) {
    Matcher query = QUERY_PASSWORD.matcher(url);
    while (query.find()) {
      addRawAndDecoded(query.group(1), into);
    }
    int scheme = url.indexOf("://");
    int at = url.indexOf('@', scheme + 3);
    int slash = url.indexOf('/', scheme + 3);
    if (at > 0 && (slash < 0 || at < slash)) {
      String userInfo = url.substring(scheme + 3, at);
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        addRawAndDecoded(userInfo.substring(colon + 1), into);
      }
    }
    try {
      // also the form java.net.URI hands back (e.g. in a library's message)
      String rawUserInfo = new URI(url).getRawUserInfo();
      if (rawUserInfo != null && rawUserInfo.contains(":")) {
        addRawAndDecoded(rawUserInfo.substring(rawUserInfo.indexOf(':') + 1), into);
      }
    } catch (Exception notAUri) {
      // the manual split above already handled what can be handled
    }
  }

  private static void addRawAndDecoded(String raw, Set<String> into) {
    into.add(raw);
    try {
      into.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException malformed) {
      // the raw form is enough
    }
  }

  public String redact(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String result = text;
    for (String secret : secrets) {
      if (result.contains(secret)) {
        result = result.replace(secret, MASK);
      }
    }
    return result;
  }
}
