package io.stepwise.functions.cost;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The reference workflows whose transitions {@link CostTableTest} prices. */
final class Workflows {
    private Workflows() {
    }

    static String passChain() {
        return "{\"StartAt\":\"P1\",\"States\":{" + IntStream.rangeClosed(1, 10)
                .mapToObj(i -> "\"P%d\":{\"Type\":\"Pass\",\"Result\":{\"step\":%d},\"ResultPath\":\"$.p%d\",%s}"
                        .formatted(i, i, i, i == 10 ? "\"End\":true" : "\"Next\":\"P" + (i + 1) + "\""))
                .collect(Collectors.joining(",")) + "}}";
    }

    /** An order flow: validate, route on the amount, review, charge, record, notify. */
    static String typical(String function) {
        return """
                {"StartAt":"Validate","States":{
                 "Validate":{"Type":"Task","Resource":"%1$s","ResultPath":"$.validated","Next":"Route"},
                 "Route":{"Type":"Choice","Choices":[{"Variable":"$.amount","NumericGreaterThan":100,
                   "Next":"Review"}],"Default":"Charge"},
                 "Review":{"Type":"Task","Resource":"%1$s","ResultPath":"$.review","Next":"Charge"},
                 "Charge":{"Type":"Task","Resource":"%1$s","Parameters":{"amount.$":"$.amount"},
                   "ResultPath":"$.charge","Retry":[{"ErrorEquals":["States.TaskFailed"],"MaxAttempts":2}],
                   "Next":"Record"},
                 "Record":{"Type":"Pass","Parameters":{"status":"charged"},"ResultPath":"$.status","Next":"Notify"},
                 "Notify":{"Type":"Task","Resource":"%1$s","ResultPath":null,"End":true}}}"""
                .formatted(function);
    }

    static String waiting() {
        return """
                {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"W"},
                 "W":{"Type":"Wait","Seconds":1,"Next":"B"},"B":{"Type":"Pass","End":true}}}""";
    }

    static String map(String function) {
        return """
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{
                 "StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}},"End":true}}}"""
                .formatted(function);
    }

    static String callback(String resource) {
        return """
                {"StartAt":"Ask","States":{
                 "Ask":{"Type":"Task","Resource":"%s","Parameters":{"FunctionName":"approver",
                   "Payload":{"token.$":"$$.Task.Token"}},"ResultPath":"$.answer","Next":"Done"},
                 "Done":{"Type":"Pass","End":true}}}""".formatted(resource);
    }
}
