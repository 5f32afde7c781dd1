package io.stepwise.functions.cost;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a stretch of work cost in billed units, counted as the SDK clients and the handlers ran: DynamoDB request
 * units, SQS requests (64 KB chunks), S3 requests, API Gateway requests and Lambda invocations with their billed
 * GB-seconds. Thread-safe: the interceptor counts from whichever thread calls a client.
 */
final class Usage {
    private double writeUnits;
    private double readUnits;
    private long sqsStandard;
    private long sqsFifo;
    private long s3Puts;
    private long s3Gets;
    private long apiRequests;
    private long invocations;
    private double gbSeconds;
    private long awsRequests;
    private long awsRequestNanos;
    private long meteringNanos;
    private double estimatedGbSeconds;
    private final Map<String, Double> writeUnitsByTable = new TreeMap<>();
    private final Set<String> unpriced = new TreeSet<>();

    synchronized void wrote(String table, double units) {
        writeUnits += units;
        writeUnitsByTable.merge(table, units, Double::sum);
    }

    synchronized void read(double units) {
        readUnits += units;
    }

    synchronized void sqs(boolean fifo, long requests) {
        if (fifo) {
            sqsFifo += requests;
        } else {
            sqsStandard += requests;
        }
    }

    synchronized void s3(boolean put) {
        if (put) {
            s3Puts++;
        } else {
            s3Gets++;
        }
    }

    /** A metered AWS request took {@code nanos} on the wire (to moto here). */
    synchronized void request(long nanos) {
        awsRequests++;
        awsRequestNanos += nanos;
    }

    /** Time the meter itself spent (sizing items), which is no part of what a handler would be billed. */
    synchronized void metering(long nanos) {
        meteringNanos += nanos;
    }

    /**
     * What the counters say now, to bracket one invocation with: {@code [requests, request nanos, metering nanos]}.
     */
    synchronized long[] clocks() {
        return new long[] {awsRequests, awsRequestNanos, meteringNanos};
    }

    /**
     * One Lambda invocation of {@code memoryMb}, billed per started millisecond: the measured time less the meter's
     * own. The estimate replaces the time of the requests to moto with {@code requestMillis} each, a round trip to
     * an AWS service in the same region.
     */
    synchronized void invoked(int memoryMb, long nanos, long[] clocksBefore, double requestMillis) {
        invocations++;
        long requests = awsRequests - clocksBefore[0];
        long onTheWire = awsRequestNanos - clocksBefore[1];
        long billed = nanos - (meteringNanos - clocksBefore[2]);
        gbSeconds += DynamoDbUnits.ceilDiv(billed, 1_000_000) / 1000.0 * memoryMb / 1024.0;
        long estimated = Math.max(0, billed - onTheWire) + Math.round(requests * requestMillis * 1e6);
        estimatedGbSeconds += DynamoDbUnits.ceilDiv(estimated, 1_000_000) / 1000.0 * memoryMb / 1024.0;
    }

    synchronized void apiRequest() {
        apiRequests++;
    }

    /** An operation the meter has no price for, so a table built from it would be silently incomplete. */
    synchronized void unpriced(String operation) {
        unpriced.add(operation);
    }

    synchronized void reset() {
        writeUnits = 0;
        readUnits = 0;
        sqsStandard = 0;
        sqsFifo = 0;
        s3Puts = 0;
        s3Gets = 0;
        apiRequests = 0;
        invocations = 0;
        gbSeconds = 0;
        awsRequests = 0;
        awsRequestNanos = 0;
        meteringNanos = 0;
        estimatedGbSeconds = 0;
        writeUnitsByTable.clear();
        unpriced.clear();
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(writeUnits, readUnits, sqsStandard, sqsFifo, s3Puts, s3Gets, apiRequests, invocations,
                gbSeconds, estimatedGbSeconds, awsRequests, awsRequestNanos, Map.copyOf(writeUnitsByTable), Set.copyOf(unpriced));
    }

    record Snapshot(double writeUnits, double readUnits, long sqsStandard, long sqsFifo, long s3Puts, long s3Gets,
            long apiRequests, long invocations, double gbSeconds, double estimatedGbSeconds, long awsRequests,
            long awsRequestNanos, Map<String, Double> writeUnitsByTable,
            Set<String> unpriced) {
    }
}
