package com.youtubechat.local;

/**
 * A state type, field, resource, query language, intrinsic or event-pattern operator that AWS
 * accepts but this executor does not implement. Refused at load time so that nothing is silently
 * ignored: running a definition whose meaning the executor only half understands would report
 * results AWS would not produce.
 */
public class UnsupportedFeatureException extends DefinitionException {

  public UnsupportedFeatureException(String message) {
    super(message);
  }
}
