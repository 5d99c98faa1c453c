package com.youtubechat.local.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.local.sam.CloudFormationYaml;
import com.youtubechat.shared.config.SecretVariables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code aws lambda get-function-configuration} would show, and who may read each secret, read
 * from template.yaml: no secret value reaches a function's environment, only SSM parameter names;
 * each function may read exactly the parameters it names, and decrypt them only through SSM.
 */
class SecretsTemplateTest {

  private static final Pattern PARAMETER_ARN =
      Pattern.compile("^arn:\\$\\{AWS::Partition}:ssm:\\$\\{AWS::Region}:\\$\\{AWS::AccountId}:parameter\\$\\{(\\w+)}$");

  private static JsonNode template;

  @BeforeAll
  static void readTemplate() throws IOException {
    Path cwd = Path.of("").toAbsolutePath();
    Path root = Files.isRegularFile(cwd.resolve("template.yaml")) ? cwd : cwd.getParent();
    template = CloudFormationYaml.read(root.resolve("template.yaml"));
  }

  @Test
  void noFunctionEnvironment_holdsASecretValueOrANoEchoParameter() {
    Set<String> noEcho = new TreeSet<>();
    template.path("Parameters").properties().forEach(p -> {
      if (p.getValue().path("NoEcho").asBoolean(false)) {
        noEcho.add(p.getKey());
      }
    });
    functions().forEach((name, function) -> variables(function).properties().forEach(variable -> {
      assertFalse(SecretVariables.NAMES.contains(variable.getKey()), name + " sets the secret " + variable.getKey()
          + " in its configuration: set " + variable.getKey() + SecretVariables.PARAMETER_SUFFIX + " (a parameter name)");
      String ref = variable.getValue().path("Ref").asText("");
      assertFalse(noEcho.contains(ref), name + "." + variable.getKey() + " copies the NoEcho parameter " + ref
          + " into plain text");
      assertFalse(variable.getValue().toString().contains("resolve:s"), name + "." + variable.getKey()
          + " uses a dynamic reference, which CloudFormation writes into the configuration as plain text");
    }));
  }

  @Test
  void everySecret_isTakenAsAnSsmParameterName() {
    Set<String> named = new TreeSet<>();
    functions().values().forEach(f -> named.addAll(secretParameters(f).keySet()));

    assertEquals(new TreeSet<>(SecretVariables.NAMES), named, "each secret variable is set by name by some function");
    functions().values().forEach(f -> secretParameters(f).values().forEach(parameter -> assertTrue(
        template.path("Parameters").path(parameter).path("AllowedPattern").asText().startsWith("^"),
        parameter + " must be constrained to an SSM parameter name")));
  }

  @Test
  void eachFunction_mayReadExactlyTheParametersItNames_nothingWider() {
    functions().forEach((name, function) -> {
      Set<String> named = new TreeSet<>(secretParameters(function).values());
      Set<String> readable = new TreeSet<>();
      for (JsonNode statement : attachedStatements(function)) {
        if (statement.path("Action").asText().equals("ssm:GetParameters")) {
          readable.addAll(parameterArns(statement.path("Resource"), name));
        } else {
          assertEquals("kms:Decrypt", statement.path("Action").asText(), name + ": an unexpected statement " + statement);
        }
      }
      assertEquals(named, readable, name + " may read exactly the SSM parameters its environment names");
    });
  }

  @Test
  void kmsDecrypt_isOnlyThroughSsm_andOnlyForTheSameParameters() {
    int checked = 0;
    for (Map.Entry<String, JsonNode> policy : policies().entrySet()) {
      List<JsonNode> statements = statements(policy.getValue());
      JsonNode read = statements.stream().filter(s -> s.path("Action").asText().equals("ssm:GetParameters"))
          .findFirst().orElseThrow();
      for (JsonNode statement : statements) {
        if (!statement.path("Action").asText().equals("kms:Decrypt")) {
          continue;
        }
        checked++;
        assertEquals("SecretsKmsKeyArn", statement.path("Resource").path("Ref").asText(), policy.getKey());
        JsonNode condition = statement.path("Condition");
        assertEquals("ssm.${AWS::Region}.amazonaws.com",
            condition.path("StringEquals").path("kms:ViaService").path("Fn::Sub").asText(), policy.getKey());
        assertEquals(parameterArns(read.path("Resource"), policy.getKey()), parameterArns(
            condition.path("ForAnyValue:StringEquals").path("kms:EncryptionContext:PARAMETER_ARN"), policy.getKey()),
            policy.getKey() + ": decrypt only the parameters it may read");
      }
    }
    assertEquals(policies().size(), checked, "every secret policy has its conditional kms:Decrypt statement");
  }

  // --- helpers ------------------------------------------------------------------------------------

  private static Map<String, JsonNode> functions() {
    return resources("AWS::Serverless::Function");
  }

  private static Map<String, JsonNode> policies() {
    return resources("AWS::IAM::ManagedPolicy");
  }

  private static Map<String, JsonNode> resources(String type) {
    Map<String, JsonNode> found = new TreeMap<>();
    template.path("Resources").properties().forEach(r -> {
      if (type.equals(r.getValue().path("Type").asText())) {
        found.put(r.getKey(), r.getValue());
      }
    });
    return found;
  }

  private static JsonNode variables(JsonNode function) {
    return function.path("Properties").path("Environment").path("Variables");
  }

  /** Secret variable → the stack parameter holding its SSM name, for each X_PARAMETER the function sets. */
  private static Map<String, String> secretParameters(JsonNode function) {
    Map<String, String> named = new TreeMap<>();
    variables(function).properties().forEach(v -> {
      if (v.getKey().endsWith(SecretVariables.PARAMETER_SUFFIX)) {
        named.put(v.getKey().substring(0, v.getKey().length() - SecretVariables.PARAMETER_SUFFIX.length()),
            v.getValue().path("Ref").asText());
      }
    });
    return named;
  }

  /** The statements of every managed policy the function lists, conditional ones included. */
  private static List<JsonNode> attachedStatements(JsonNode function) {
    List<JsonNode> statements = new ArrayList<>();
    for (JsonNode entry : function.path("Properties").path("Policies")) {
      JsonNode ref = entry.has("Fn::If") ? entry.path("Fn::If").get(1) : entry;
      JsonNode policy = policies().get(ref.path("Ref").asText());
      assertTrue(policy != null, "a function's policy must be one of the template's managed policies: " + entry);
      statements.addAll(statements(policy));
    }
    return statements;
  }

  private static List<JsonNode> statements(JsonNode policy) {
    List<JsonNode> statements = new ArrayList<>();
    for (JsonNode statement : policy.path("Properties").path("PolicyDocument").path("Statement")) {
      // !If [HasSecretsKmsKey, statement, !Ref AWS::NoValue]
      statements.add(statement.has("Fn::If") ? statement.path("Fn::If").get(1) : statement);
    }
    return statements;
  }

  /** The stack parameters whose names the resources are the ARNs of; anything else fails. */
  private static Set<String> parameterArns(JsonNode resources, String where) {
    Set<String> parameters = new TreeSet<>();
    for (JsonNode resource : resources) {
      JsonNode arn = resource.has("Fn::If") ? resource.path("Fn::If").get(1) : resource;
      Matcher m = PARAMETER_ARN.matcher(arn.path("Fn::Sub").asText());
      assertTrue(m.matches(), where + ": a resource that is not exactly one parameter's ARN: " + resource);
      parameters.add(m.group(1));
    }
    return parameters;
  }
}
