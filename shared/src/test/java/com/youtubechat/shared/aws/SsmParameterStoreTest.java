package com.youtubechat.shared.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.emulators.SsmEmulator;
import com.youtubechat.shared.error.ConfigurationException;
import com.youtubechat.shared.error.TransientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SsmParameterStoreTest {

  private final SsmEmulator ssm = new SsmEmulator();

  @AfterEach
  void tearDown() {
    ssm.close();
  }

  @Test
  void keyVariables_readEveryNameInOneSignedCall() {
    ssm.put("/ytc/cohere", "cohere-value").put("/ytc/db", "postgresql://u:p@db:5432/x");

    Map<String, String> values = SsmParameterStore.fromEnvironment(ssm.environment()).read(List.of("/ytc/cohere", "/ytc/db"));

    assertEquals(Map.of("/ytc/cohere", "cohere-value", "/ytc/db", "postgresql://u:p@db:5432/x"), values);
    assertEquals(List.of(new SsmEmulator.Call(List.of("/ytc/cohere", "/ytc/db"), true, true)), ssm.calls());
  }

  @Test
  void snapStartContainerCredentials_areFetchedThenUsedToSign() {
    ssm.put("/ytc/cohere", "cohere-value");

    Map<String, String> values = SsmParameterStore.fromEnvironment(ssm.containerEnvironment()).read(List.of("/ytc/cohere"));

    assertEquals("cohere-value", values.get("/ytc/cohere"));
    assertEquals(1, ssm.credentialRequests());
    assertTrue(ssm.calls().get(0).signatureValid());
  }

  @Test
  void wrongSecretKey_isRefusedByTheSignatureCheck_asAConfigurationError() {
    ssm.put("/ytc/cohere", "cohere-value");
    Map<String, String> env = new HashMap<>(ssm.environment());
    env.put("AWS_SECRET_ACCESS_KEY", "not-the-key");

    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> SsmParameterStore.fromEnvironment(env).read(List.of("/ytc/cohere")));

    assertTrue(e.getMessage().contains("InvalidSignatureException"), e.getMessage());
    assertFalse(e.getMessage().contains("not-the-key"), e.getMessage());
    assertFalse(ssm.calls().get(0).signatureValid());
  }

  @Test
  void missingParameter_isAConfigurationErrorNamingIt() {
    ssm.put("/ytc/cohere", "cohere-value");

    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> SsmParameterStore.fromEnvironment(ssm.environment()).read(List.of("/ytc/cohere", "/ytc/typo")));

    assertTrue(e.getMessage().contains("[/ytc/typo] do not exist in eu-west-1"), e.getMessage());
    assertFalse(e.getMessage().contains("cohere-value"), e.getMessage());
  }

  @Test
  void accessDenied_namesTheTemplatesGrant_notTheRole() {
    ssm.put("/ytc/cohere", "v").put("/ytc/other", "w").allowOnly("/ytc/cohere");

    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> SsmParameterStore.fromEnvironment(ssm.environment()).read(List.of("/ytc/other")));

    assertTrue(e.getMessage().contains("AccessDeniedException") && e.getMessage().contains("ssm:GetParameters"),
        e.getMessage());
    assertFalse(e.getMessage().contains("arn:aws"), "AWS's text (with the account's ARNs) is not echoed: " + e.getMessage());
  }

  @Test
  void throttlingAndServerErrors_areTransient() {
    ssm.put("/ytc/cohere", "v").fail(400, "ThrottlingException").fail(500, "InternalServerError");
    SsmParameterStore store = SsmParameterStore.fromEnvironment(ssm.environment());

    assertThrows(TransientException.class, () -> store.read(List.of("/ytc/cohere")));
    assertThrows(TransientException.class, () -> store.read(List.of("/ytc/cohere")));
    assertEquals("v", store.read(List.of("/ytc/cohere")).get("/ytc/cohere"));
  }

  @Test
  void unreachableEndpoint_isTransient() {
    Map<String, String> env = new HashMap<>(ssm.environment());
    env.put("AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:1");

    TransientException e = assertThrows(TransientException.class,
        () -> SsmParameterStore.fromEnvironment(env).read(List.of("/ytc/cohere")));

    assertTrue(e.getMessage().contains("Could not reach SSM Parameter Store"), e.getMessage());
  }

  @Test
  void elevenNames_takeTwoCalls() {
    List<String> names = new ArrayList<>();
    IntStream.range(0, 11).forEach(i -> {
      ssm.put("/ytc/p" + i, "v" + i);
      names.add("/ytc/p" + i);
    });

    Map<String, String> values = SsmParameterStore.fromEnvironment(ssm.environment()).read(names);

    assertEquals(11, values.size());
    assertEquals(List.of(10, 1), ssm.calls().stream().map(c -> c.names().size()).toList());
  }

  @Test
  void noCredentials_isAConfigurationErrorWithTheLocalAlternative() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> SsmParameterStore.fromEnvironment(Map.of("AWS_REGION", "eu-west-1")).read(List.of("/ytc/x")));

    assertTrue(e.getMessage().contains("plain variables"), e.getMessage());
    assertTrue(ssm.calls().isEmpty());
  }

  @Test
  void noRegion_isAConfigurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> SsmParameterStore.fromEnvironment(Map.of()));

    assertTrue(e.getMessage().contains("AWS_REGION"), e.getMessage());
  }
}
