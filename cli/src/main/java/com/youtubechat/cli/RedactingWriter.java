package com.youtubechat.cli;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes through a {@link Redactor} a line at a time (a secret is never split across two redact
 * calls, unless it contains a line break); a partial line goes out on flush or close.
 */
final class RedactingWriter extends Writer {

  private final Writer out;
  private final Redactor redactor;
  private final StringBuilder line = new StringBuilder();

  RedactingWriter(Writer out, Redactor redactor) {
    this.out = out;
    this.redactor = redactor;
  }

  @Override
  public synchronized void write(char[] buffer, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      char c = buffer[i];
      line.append(c);
      if (c == '\n') {
        emit();
      }
    }
  }

  private void emit() throws IOException {
    if (!line.isEmpty()) {
      out.write(redactor.redact(line.toString()));
      line.setLength(0);
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    emit();
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    flush();
    out.close();
  }
}
