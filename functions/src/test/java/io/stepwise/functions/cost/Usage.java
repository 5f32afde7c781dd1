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
    private long lambdaInvokes;
    private long sqsTaskSends;
    private double gbSeconds;
    private long awsRequests;
    private long awsRequestNanos;
    private long meteringNanos;
    private long meteringCpuNanos;
    private double estimatedGbSeconds;
    private long cpuNanos;
    private long waitNanos;
    private double modelledGbSeconds;
    private double modelledMillis;
    private double alternativeGbSeconds;
    private double alternativeMillis;
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

    /**
     * An asynchronous Invoke of a function: Lambda bills it as the one request of the invocation it causes, which
     * {@link #invoked} counts when the test hands the event to the handler; counted here apart, not priced twice.
     */
    synchronized void lambdaInvoke() {
        lambdaInvokes++;
    }

    /** A message sent to the task queue (priced among {@link #sqs}), counted apart beside {@link #lambdaInvoke}. */
    synchronized void sqsTaskSend() {
        sqsTaskSends++;
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

    /**
     * Time the meter itself spent (sizing items), which is no part of what a handler would be billed: {@code nanos}
     * on the wall clock, {@code cpuNanos} of the calling thread's CPU.
     */
    synchronized void metering(long nanos, long cpuNanos) {
        meteringNanos += nanos;
        meteringCpuNanos += cpuNanos;
    }

    /**
     * What the counters say now, to bracket one invocation with:
     * {@code [requests, request nanos, metering nanos, metering CPU nanos]}.
     */
    synchronized long[] clocks() {
        return new long[] {awsRequests, awsRequestNanos, meteringNanos, meteringCpuNanos};
    }

    /**
     * One Lambda invocation of {@code memoryMb}, billed per started millisecond: the measured time less the meter's
     * own. The estimate replaces the time of the requests to moto with {@code requestMillis} each, a round trip to
     * an AWS service in the same region.
     */
    synchronized void invoked(int memoryMb, long nanos, long[] clocksBefore, double requestMillis) {
        invoked(memoryMb, memoryMb, nanos, 0, clocksBefore, requestMillis);
    }

    /**
     * {@link #invoked(int, long, long[], double)}, and the same invocation modelled at {@code memoryMb} and at
     * {@code alternativeMb}: its thread's CPU time ({@code cpuNanos}, less the meter's) stretched by the share of a
     * vCPU Lambda gives that memory (a full one at {@link #FULL_VCPU_MB}, proportionally less below), plus
     * {@code requestMillis} of waiting per request. Below a full vCPU the CPU-bound part thus costs the same GB-s at
     * any memory and only the waiting gets cheaper with less.
     */
    synchronized void invoked(int memoryMb, int alternativeMb, long nanos, long cpuNanos, long[] clocksBefore,
            double requestMillis) {
        invocations++;
        long requests = awsRequests - clocksBefore[0];
        long onTheWire = awsRequestNanos - clocksBefore[1];
        long billed = nanos - (meteringNanos - clocksBefore[2]);
        gbSeconds += DynamoDbUnits.ceilDiv(billed, 1_000_000) / 1000.0 * memoryMb / 1024.0;
        long estimated = Math.max(0, billed - onTheWire) + Math.round(requests * requestMillis * 1e6);
        estimatedGbSeconds += DynamoDbUnits.ceilDiv(estimated, 1_000_000) / 1000.0 * memoryMb / 1024.0;
        long cpu = Math.max(0, cpuNanos - (meteringCpuNanos - clocksBefore[3]));
        long wait = Math.round(requests * requestMillis * 1e6);
        this.cpuNanos += cpu;
        this.waitNanos += wait;
        long atMemory = modelledNanos(cpu, wait, memoryMb);
        modelledMillis += atMemory / 1e6;
        modelledGbSeconds += DynamoDbUnits.ceilDiv(atMemory, 1_000_000) / 1000.0 * memoryMb / 1024.0;
        long atAlternative = modelledNanos(cpu, wait, alternativeMb);
        alternativeMillis += atAlternative / 1e6;
        alternativeGbSeconds += DynamoDbUnits.ceilDiv(atAlternative, 1_000_000) / 1000.0 * alternativeMb / 1024.0;
    }

    /** Lambda's memory at which a function has one full vCPU; CPU share is proportional to memory below it. */
    static final int FULL_VCPU_MB = 1769;

    static long modelledNanos(long cpuNanos, long waitNanos, int memoryMb) {
        return Math.round(cpuNanos * Math.max(1.0, (double) FULL_VCPU_MB / memoryMb)) + waitNanos;
    }

    /** The CPU time the calling thread has used so far. */
    static long threadCpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
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
        lambdaInvokes = 0;
        sqsTaskSends = 0;
        gbSeconds = 0;
        awsRequests = 0;
        awsRequestNanos = 0;
        meteringNanos = 0;
        meteringCpuNanos = 0;
        estimatedGbSeconds = 0;
        cpuNanos = 0;
        waitNanos = 0;
        modelledGbSeconds = 0;
        modelledMillis = 0;
        alternativeGbSeconds = 0;
        alternativeMillis = 0;
        writeUnitsByTable.clear();
        unpriced.clear();
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(writeUnits, readUnits, sqsStandard, sqsFifo, s3Puts, s3Gets, apiRequests, invocations,
                lambdaInvokes, sqsTaskSends,
                gbSeconds, estimatedGbSeconds, awsRequests, awsRequestNanos, Map.copyOf(writeUnitsByTable), Set.copyOf(unpriced),
                new LambdaModel(cpuNanos, waitNanos, modelledGbSeconds, modelledMillis, alternativeGbSeconds,
                        alternativeMillis));
    }

    record Snapshot(double writeUnits, double readUnits, long sqsStandard, long sqsFifo, long s3Puts, long s3Gets,
            long apiRequests, long invocations, long lambdaInvokes, long sqsTaskSends, double gbSeconds, double estimatedGbSeconds, long awsRequests,
            long awsRequestNanos, Map<String, Double> writeUnitsByTable,
            Set<String> unpriced, LambdaModel model) {
    }

    /**
     * The invocations' time split into CPU and waiting, and modelled at the stack's memory sizes and at the
     * alternative ones ({@link #invoked(int, int, long, long, long[], double)}).
     */
    record LambdaModel(long cpuNanos, long waitNanos, double gbSeconds, double millis, double alternativeGbSeconds,
            double alternativeMillis) {
    }
}
