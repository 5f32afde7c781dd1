package io.stepwise.it.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** What the AWS tests do with the API: start an execution, wait for its end, read its history. */
final class Executions {
    private Executions() {
    }

    static String start(SfnClient sfn, String definition, String machine, String name, String input) {
        String machineArn = sfn.createStateMachine(b -> b.name(machine).definition(definition)
                .roleArn(AwsRedeliveryTest.ROLE)).stateMachineArn();
        return sfn.startExecution(b -> b.stateMachineArn(machineArn).name(name).input(input)).executionArn();
    }

    static DescribeExecutionResponse awaitEnd(SfnClient sfn, String executionArn, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING || System.nanoTime() > deadline) {
                return execution;
            }
            Thread.sleep(20);
        }
    }

    static List<HistoryEvent> history(SfnClient sfn, String executionArn) {
        List<HistoryEvent> events = new ArrayList<>();
        sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn).includeExecutionData(true)).events()
                .forEach(events::add);
        return events;
    }

    /** Each event without its timestamp, which differs between runs on different clocks. */
    static List<String> comparable(List<HistoryEvent> events) {
        return events.stream().map(e -> e.toBuilder().timestamp(null).build().toString()).toList();
    }

    static long count(List<HistoryEvent> events, String type) {
        return events.stream().filter(e -> e.typeAsString().equals(type)).count();
    }
}
