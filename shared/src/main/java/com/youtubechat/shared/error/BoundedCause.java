package com.youtubechat.shared.error;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Stands in for a cause whose message is too long, such as a JSON parser's error quoting a
 * megabyte of input: it keeps the original's class name (first in its message), its message cut
 * to {@value #MAX_MESSAGE} characters with control characters escaped, its stack trace, and its
 * own cause treated alike. A cause whose chain is short enough is kept as it is, so code that
 * looks at a cause's type still sees it.
 */
final class BoundedCause extends Exception {

  static final int MAX_MESSAGE = 1_000;

  private BoundedCause(Throwable original, Throwable cause) {
    super(original.getClass().getName() + ": " + Echo.bounded(String.valueOf(original.getMessage()), MAX_MESSAGE),
        cause, false, true);
    setStackTrace(original.getStackTrace());
  }

  static Throwable of(Throwable cause) {
    return cause == null || isBounded(cause) ? cause : summary(cause, newSeen());
  }

  private static boolean isBounded(Throwable cause) {
    Set<Throwable> seen = newSeen();
    for (Throwable t = cause; t != null && seen.add(t); t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().length() > MAX_MESSAGE) {
        return false;
      }
    }
    return true;
  }

  private static Throwable summary(Throwable original, Set<Throwable> seen) {
    if (original == null || !seen.add(original)) {
      return null;
    }
    return new BoundedCause(original, summary(original.getCause(), seen));
  }

  private static Set<Throwable> newSeen() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }
}
