package com.youtubechat.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * A CloudFormation stack's outputs, by one {@code DescribeStacks} call in CloudFormation's query
 * protocol, signed with the SDK's SigV4 signer and sent through the SDK's HTTP client. Hand-made
 * because the SDK's {@code cloudformation} module at the project's SDK version (2.50.2) is missing
 * from the Maven mirror this project builds against, and mixing SDK versions is not supported.
 */
final class StackOutputs {

  private static final String API_VERSION = "2010-05-15";

  private StackOutputs() {}

  /** Output key to value, in the stack's order; empty when there is no such stack. */
  static Optional<Map<String, String>> of(AwsClients aws, String stackName) {
    Region region = aws.region();
    URI endpoint = aws.endpoint().orElseGet(() -> URI.create("https://cloudformation." + region.id() + "."
        + dnsSuffix(region) + "/"));
    String body = "Action=DescribeStacks&Version=" + API_VERSION + "&StackName="
        + URLEncoder.encode(stackName, StandardCharsets.UTF_8);
    SdkHttpRequest request = SdkHttpRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(endpoint)
        .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .putHeader("Accept", "text/xml")
        .build();
    AwsCredentialsIdentity identity = aws.credentials().resolveIdentity().join();
    SignedRequest signed = AwsV4HttpSigner.create().sign(sign -> sign
        .identity(identity)
        .request(request)
        .payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudformation")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
    HttpExecuteResponse response;
    String xml;
    try {
      response = aws.http().prepareRequest(HttpExecuteRequest.builder()
          .request(signed.request())
          .contentStreamProvider(signed.payload().orElse(null))
          .build()).call();
      try (InputStream in = response.responseBody().map(stream -> (InputStream) stream).orElse(InputStream.nullInputStream())) {
        xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw SdkClientException.create("Unable to execute HTTP request: " + e.getMessage(), e);
    }
    int status = response.httpResponse().statusCode();
    if (status == 200) {
      return Optional.of(outputs(xml));
    }
    Map<String, String> error = firstTexts(xml, "Code", "Message");
    String code = error.getOrDefault("Code", "HTTP " + status);
    String message = error.getOrDefault("Message", "");
    if (status == 400 && "ValidationError".equals(code) && message.contains("does not exist")) {
      return Optional.empty();
    }
    throw new CommandFailure("CloudFormation answered " + code + " (HTTP " + status + ") to DescribeStacks "
        + stackName + (message.isEmpty() ? "" : ": " + message));
  }

  private static String dnsSuffix(Region region) {
    RegionMetadata metadata = region.metadata();
    return metadata == null ? "amazonaws.com" : metadata.partition().dnsSuffix();
  }

  /** The OutputKey/OutputValue pairs of the first stack in a DescribeStacks answer. */
  static Map<String, String> outputs(String xml) {
    Map<String, String> outputs = new LinkedHashMap<>();
    try {
      XMLStreamReader reader = reader(xml);
      int stacks = 0;
      String key = null;
      String value = null;
      String element = null;
      boolean inOutputs = false;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          element = reader.getLocalName();
          if (element.equals("Stacks")) {
            stacks++;
          } else if (element.equals("Outputs") && stacks == 1) {
            inOutputs = true;
          } else if (inOutputs && element.equals("member")) {
            key = null;
            value = null;
          } else if (inOutputs && (element.equals("OutputKey") || element.equals("OutputValue"))) {
            String text = reader.getElementText();
            if (element.equals("OutputKey")) {
              key = text;
            } else {
              value = text;
            }
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          String name = reader.getLocalName();
          if (name.equals("Outputs")) {
            inOutputs = false;
          } else if (inOutputs && name.equals("member") && key != null) {
            outputs.put(key, value == null ? "" : value);
          }
        }
      }
    } catch (XMLStreamException e) {
      throw new CommandFailure("CloudFormation's DescribeStacks answer is not the XML expected: " + e.getMessage());
    }
    return outputs;
  }

  private static Map<String, String> firstTexts(String xml, String... names) {
    Map<String, String> found = new LinkedHashMap<>();
    try {
      XMLStreamReader reader = reader(xml);
      while (reader.hasNext()) {
        if (reader.next() == XMLStreamConstants.START_ELEMENT) {
          String name = reader.getLocalName();
          for (String wanted : names) {
            if (wanted.equals(name) && !found.containsKey(name)) {
              found.put(name, reader.getElementText().strip());
            }
          }
        }
      }
    } catch (XMLStreamException notXml) {
      // whatever was found before the answer stopped being XML
    }
    return found;
  }

  private static XMLStreamReader reader(String xml) throws XMLStreamException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory.createXMLStreamReader(new StringReader(xml));
  }
}
