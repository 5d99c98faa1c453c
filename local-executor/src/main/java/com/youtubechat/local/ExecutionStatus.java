package com.youtubechat.local;

/** How an execution ended, as Step Functions' DescribeExecution reports it. */
public enum ExecutionStatus {
  SUCCEEDED,
  FAILED,
  /** The thread running the execution was interrupted. */
  ABORTED
}
