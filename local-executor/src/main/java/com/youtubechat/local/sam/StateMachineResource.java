package com.youtubechat.local.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.local.EventPattern;
import com.youtubechat.local.LambdaFunction;
import java.util.List;
import java.util.Map;

/**
 * A state machine of the template.
 *
 * @param logicalId its logical id, used locally as its name
 * @param definition its ASL definition with every {@code ${Name}} replaced
 * @param substitutions each DefinitionSubstitutions name and the value put in its place (locally,
 *     a function's alias ARN is {@code arn:aws:lambda:us-east-1:123456789012:function:<LogicalId>:<alias>})
 * @param substitutedFunctions the substitutions that stand for a function of the template, and that function
 * @param eventPatterns the patterns of the enabled EventBridge rules that start it
 */
public record StateMachineResource(String logicalId, JsonNode definition, Map<String, String> substitutions,
    Map<String, LambdaFunction> substitutedFunctions, List<EventPattern> eventPatterns) {}
