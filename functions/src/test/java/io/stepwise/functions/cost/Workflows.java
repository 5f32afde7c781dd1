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

    /**
     * An order of about 1 KB as JSON, with ids and numbers that vary like real ones, so compression saves what it
     * would on real payloads and no more (a repeated character would compress a hundredfold).
     */
    static String order(int amount) {
        java.util.Random random = new java.util.Random(42);
        String lines = IntStream.range(0, 8).mapToObj(i -> """
                {"sku":"%08X","name":"item %d of catalogue %d","quantity":%d,"unitPrice":%d.%02d}"""
                .formatted(random.nextInt(), random.nextInt(10_000), random.nextInt(100), 1 + random.nextInt(9),
                        random.nextInt(500), random.nextInt(100))).collect(Collectors.joining(","));
        return """
                {"orderId":"%s","customer":{"id":"%08x-%04x","email":"c%d@example.com","country":"DE"},                "amount":%d,"currency":"EUR","lines":[%s]}""".formatted(new java.util.UUID(random.nextLong(),
                random.nextLong()), random.nextInt(), random.nextInt(0x10000), random.nextInt(100_000), amount,
                lines);
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
