package com.youtubechat.cli;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/** {@code java -jar youtube-chat.jar <command> ...} */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    var charset = stdoutCharset();
    var stdout = new OutputStreamWriter(System.out, charset);
    var stderr = new OutputStreamWriter(System.err, charset);
    int status = Cli.run(Environment.ofProcess(), stdout, stderr, charset, args);
    System.exit(status);
  }

  private static java.nio.charset.Charset stdoutCharset() {
    String encoding = System.getProperty("stdout.encoding");
    try {
      return encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding);
    } catch (IllegalArgumentException unknown) {
      return StandardCharsets.UTF_8;
    }
  }
}
