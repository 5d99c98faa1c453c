package com.youtubechat.shared.lambda;

/** A handler's service, as SnapStart's hooks see it. */
public interface PrimedService {

  /** Runs the invocation's code paths on canned data: no request sent, no row written, no connection opened. */
  void prime();

  /** Drops every open connection (before the snapshot, after each restore). */
  void reset();
}
