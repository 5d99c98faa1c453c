package com.youtubechat.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Names a Java handler's failure as AWS Lambda's Java runtime and Step Functions do: an exception
 * becomes the error named by its fully-qualified class name, with the runtime's error document
 * {@code {"errorMessage", "errorType", "stackTrace": [...], "cause": {...}}} as the cause; a
 * {@link Error} (out of memory, stack overflow...) kills the runtime, which Step Functions reports
 * as {@code Lambda.Unknown}.
 */
public final class LambdaErrors {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LambdaErrors() {}

  public static StatesException fromThrowable(Throwable thrown) {
    if (thrown instanceof StatesException states) {
      return states;
    }
    if (thrown instanceof Error) {
      return new StatesException(ErrorNames.LAMBDA_UNKNOWN, runtimeErrorJson(thrown));
    }
    return new StatesException(thrown.getClass().getName(), runtimeErrorJson(thrown));
  }

  /** The error document the Lambda Java runtime writes for an uncaught throwable. */
  public static String runtimeErrorJson(Throwable thrown) {
    return errorDocument(thrown, Collections.newSetFromMap(new IdentityHashMap<>())).toString();
  }

  private static ObjectNode errorDocument(Throwable thrown, Set<Throwable> seen) {
    seen.add(thrown);
    ObjectNode document = MAPPER.createObjectNode();
    document.put("errorMessage", thrown.getMessage());
    document.put("errorType", thrown.getClass().getName());
    ArrayNode stackTrace = document.putArray("stackTrace");
    for (StackTraceElement element : thrown.getStackTrace()) {
      stackTrace.add(frame(element));
    }
    Throwable cause = thrown.getCause();
    if (cause != null && !seen.contains(cause)) {
      document.set("cause", errorDocument(cause, seen));
    }
    return document;
  }

  /** {@code class.method(File.java:12)}, without the module prefix of {@link StackTraceElement#toString()}. */
  private static String frame(StackTraceElement element) {
    String location;
    if (element.isNativeMethod()) {
      location = "Native Method";
    } else if (element.getFileName() == null) {
      location = "Unknown Source";
    } else if (element.getLineNumber() >= 0) {
      location = element.getFileName() + ":" + element.getLineNumber();
    } else {
      location = element.getFileName();
    }
    return element.getClassName() + "." + element.getMethodName() + "(" + location + ")";
  }
}
