package com.youtubechat.shared.aws;

import java.util.Optional;

/**
 * The temporary credentials of the function's execution role. {@link #toString()} names the key id
 * only: the secret key and the session token never reach a log line or an error message.
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {

  @Override
  public String toString() {
    return "AwsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=hidden, sessionToken="
        + (sessionToken.isPresent() ? "hidden" : "none") + "]";
  }
}
