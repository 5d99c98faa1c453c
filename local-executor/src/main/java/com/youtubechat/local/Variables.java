package com.youtubechat.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workflow variables ({@code Assign}) of one scope: the execution's top level, or one run of a
 * Parallel branch. A branch reads the variables of the scopes around it; what it assigns stays in
 * the branch.
 */
final class Variables {

  private final Variables outer;
  private final Map<String, JsonNode> own = new ConcurrentHashMap<>();

  Variables(Variables outer) {
    this.outer = outer;
  }

  /** A new scope for a Parallel branch, inside this one. */
  Variables branch() {
    return new Variables(this);
  }

  /** Every variable this scope can read; an inner assignment hides an outer one of the same name. */
  Map<String, JsonNode> visible() {
    Map<String, JsonNode> all = outer == null ? new LinkedHashMap<>() : outer.visible();
    all.putAll(own);
    return all;
  }

  void assign(Map<String, JsonNode> values) {
    own.putAll(values);
  }
}
