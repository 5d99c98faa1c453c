package com.youtubechat.local;

import java.util.Map;

/** Finds the function a task's FunctionName names, in any of the forms Lambda's Invoke accepts. */
final class FunctionResolver {

  /** A function and the qualifier it was invoked with ({@code $LATEST} when none). */
  record Resolved(LambdaFunction function, String qualifier) {}

  private final Map<String, LambdaFunction> functions;

  FunctionResolver(Map<String, LambdaFunction> functions) {
    this.functions = functions;
  }

  /**
   * Resolves {@code name}, {@code name:qualifier}, {@code account:function:name[:qualifier]} or
   * {@code arn:aws:lambda:region:account:function:name[:qualifier]}; the qualifier must be
   * {@code $LATEST} or the function's alias. Unknown functions fail with
   * {@code Lambda.ResourceNotFoundException}, as Lambda's Invoke does.
   */
  Resolved resolve(String functionName) {
    String name;
    String qualifier = null;
    String[] parts = functionName.split(":", -1);
    if (functionName.startsWith("arn:")) {
      if (parts.length < 7 || parts.length > 8 || !parts[2].equals("lambda") || !parts[5].equals("function")) {
        throw notFound(functionName);
      }
      name = parts[6];
      qualifier = parts.length == 8 ? parts[7] : null;
    } else if (parts.length >= 3 && parts[1].equals("function")) {
      name = parts[2];
      qualifier = parts.length == 4 ? parts[3] : null;
      if (parts.length > 4) {
        throw notFound(functionName);
      }
    } else if (parts.length <= 2) {
      name = parts[0];
      qualifier = parts.length == 2 ? parts[1] : null;
    } else {
      throw notFound(functionName);
    }
    LambdaFunction function = functions.get(name);
    if (function == null) {
      throw notFound(functionName);
    }
    if (qualifier == null || qualifier.equals("$LATEST")) {
      return new Resolved(function, "$LATEST");
    }
    if (qualifier.equals(function.alias())) {
      return new Resolved(function, qualifier);
    }
    throw notFound(functionName);
  }

  private StatesException notFound(String functionName) {
    return new StatesException(ErrorNames.LAMBDA_RESOURCE_NOT_FOUND, "Function not found: " + functionName
        + " (the local functions are " + functions.keySet() + ", unqualified, or qualified by $LATEST or their alias)");
  }
}
