package com.youtubechat.cli;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients on the moto server, for setting up and inspecting what the commands did. */
final class Aws implements AutoCloseable {

  final AwsClients clients;
  final SqsClient sqs;

  Aws(MotoServer moto) {
    this.clients = new AwsClients(new Environment(moto.environment(), List.of()), Optional.empty());
    this.sqs = SqsClient.builder()
        .endpointOverride(moto.endpoint())
        .region(Region.of(MotoServer.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public void close() {
    clients.close();
    sqs.close();
  }
}
