package com.youtubechat.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;
import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;

/**
 * Finds a video's executions: ListExecutions (newest first) up to a limit, then DescribeExecution
 * of each (a few at a time) for its input, which the listing does not carry. A finder is kept for
 * the length of a {@code --watch}: an execution's input never changes, so one that does not match is
 * never described again, and one that does is described again only when its status has changed.
 */
final class ExecutionFinder {

  private static final int CONCURRENT_DESCRIBES = 8;

  private final SfnClient sfn;
  private final String stateMachineArn;
  private final Predicate<JsonNode> matches;
  private final int limit;
  private final Map<String, ExecutionInfo> seen = new HashMap<>();

  ExecutionFinder(SfnClient sfn, String stateMachineArn, Predicate<JsonNode> matches, int limit) {
    this.sfn = sfn;
    this.stateMachineArn = stateMachineArn;
    this.matches = matches;
    this.limit = limit;
  }

  /** The matching executions among the newest {@code limit}, newest first. */
  List<ExecutionInfo> find() {
    List<ExecutionListItem> items = list();
    List<ExecutionInfo> result = new ArrayList<>();
    Semaphore slots = new Semaphore(CONCURRENT_DESCRIBES);
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ExecutionInfo>> futures = new ArrayList<>();
      for (ExecutionListItem item : items) {
        ExecutionInfo known = seen.get(item.executionArn());
        if (known != null && (!matches.test(known.detail()) || known.status().equals(item.statusAsString()))) {
          futures.add(java.util.concurrent.CompletableFuture.completedFuture(known));
          continue;
        }
        futures.add(executor.submit(() -> {
          slots.acquire();
          try {
            return ExecutionInfo.of(sfn.describeExecution(request -> request.executionArn(item.executionArn())));
          } finally {
            slots.release();
          }
        }));
      }
      for (Future<ExecutionInfo> future : futures) {
        ExecutionInfo info = future.get();
        seen.put(info.arn(), info);
        if (matches.test(info.detail())) {
          result.add(info);
        }
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("Interrupted");
    }
    return result;
  }

  private List<ExecutionListItem> list() {
    List<ExecutionListItem> items = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListExecutionsResponse page = sfn.listExecutions(request -> request.stateMachineArn(stateMachineArn)
          .maxResults(Math.min(1000, limit - items.size())).nextToken(next));
      items.addAll(page.executions());
      token = page.nextToken();
    } while (token != null && items.size() < limit);
    return items.size() > limit ? items.subList(0, limit) : items;
  }
}
