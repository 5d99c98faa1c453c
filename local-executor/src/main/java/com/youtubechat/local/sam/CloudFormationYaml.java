package com.youtubechat.local.sam;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a CloudFormation (or SAM) YAML template into the JSON form CloudFormation itself uses: the
 * short tags become intrinsic objects ({@code !Ref X} → {"Ref": "X"}, {@code !GetAtt A.B} →
 * {"Fn::GetAtt": ["A", "B"]}, {@code !Sub s} → {"Fn::Sub": s}, ...). A plain YAML mapper would
 * drop the tags and leave bare strings.
 */
public final class CloudFormationYaml {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CloudFormationYaml() {}

  public static JsonNode read(Path file) throws IOException {
    return read(Files.readString(file));
  }

  public static JsonNode read(String yaml) throws IOException {
    try (YAMLParser parser = (YAMLParser) new YAMLFactory().createParser(yaml)) {
      if (parser.nextToken() == null) {
        throw new IOException("the YAML document is empty");
      }
      return readNode(parser);
    }
  }

  private static JsonNode readNode(YAMLParser parser) throws IOException {
    String tag = parser.getTypeId();
    JsonNode value = switch (parser.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          object.set(field, readNode(parser));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(readNode(parser));
        }
        yield array;
      }
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> NODES.numberNode(parser.getIntValue());
        case LONG -> NODES.numberNode(parser.getLongValue());
        default -> NODES.numberNode(parser.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new IOException("unexpected " + parser.currentToken() + " at " + parser.currentLocation());
    };
    return tag == null || tag.startsWith("tag:yaml.org,2002:") ? value : intrinsic(tag, value);
  }

  private static JsonNode intrinsic(String tag, JsonNode value) {
    String name = tag.startsWith("!") ? tag.substring(1) : tag;
    ObjectNode node = NODES.objectNode();
    if (name.equals("Ref") || name.equals("Condition")) {
      return node.set(name, value);
    }
    if (name.equals("GetAtt") && value.isTextual()) {
      String[] parts = value.asText().split("\\.", 2);
      ArrayNode args = node.putArray("Fn::GetAtt").add(parts[0]);
      if (parts.length > 1) {
        args.add(parts[1]);
      }
      return node;
    }
    return node.set("Fn::" + name, value);
  }
}
