package com.youtubechat.shared.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigV4Test {

  private static final AwsCredentials AWS_EXAMPLE =
      new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Optional.empty());

  /** AWS's worked example (IAM ListUsers, 2015-08-30T12:36:00Z) from the SigV4 documentation. */
  @Test
  void awsDocumentationExample_givesThePublishedSignature() {
    Map<String, String> added = SigV4.sign("GET", "iam.amazonaws.com", "/", "Action=ListUsers&Version=2010-05-08",
        Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), new byte[0], AWS_EXAMPLE,
        "us-east-1", "iam", Instant.parse("2015-08-30T12:36:00Z"));

    assertEquals("20150830T123600Z", added.get("x-amz-date"));
    assertEquals("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request,"
        + " SignedHeaders=content-type;host;x-amz-date,"
        + " Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", added.get("authorization"));
  }

  @Test
  void sessionToken_isSentAndSigned() {
    AwsCredentials withToken = new AwsCredentials("ASIAX", "secret", Optional.of("token-1"));
    Map<String, String> added = SigV4.sign("POST", "ssm.eu-west-1.amazonaws.com", "/", "",
        Map.of("x-amz-target", "AmazonSSM.GetParameters"), "{}".getBytes(StandardCharsets.UTF_8), withToken,
        "eu-west-1", "ssm", Instant.parse("2026-12-04T10:00:00Z"));

    assertEquals("token-1", added.get("x-amz-security-token"));
    assertTrue(added.get("authorization").contains("SignedHeaders=host;x-amz-date;x-amz-security-token;x-amz-target"),
        added.get("authorization"));
  }

  @Test
  void credentials_printWithoutTheSecretOrToken() {
    String printed = new AwsCredentials("ASIAX", "the-secret-key", Optional.of("the-token")).toString();

    assertFalse(printed.contains("the-secret-key") || printed.contains("the-token"), printed);
    assertTrue(printed.contains("ASIAX"), printed);
  }
}
