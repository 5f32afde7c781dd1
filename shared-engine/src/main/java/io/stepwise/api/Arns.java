package io.stepwise.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARNs Stepwise issues and accepts, shaped as AWS's for one region and account; the partition follows from the
 * region ({@code cn-north-1} → {@code aws-cn}, {@code us-gov-west-1} → {@code aws-us-gov}, …).
 */
public record Arns(String region, String account) {
    private static final Pattern STATE_MACHINE = Pattern.compile("arn:aws[\\w-]*:states:[\\w-]+:\\d{12}:stateMachine:([^:]+)");
    private static final Pattern EXECUTION =
            Pattern.compile("arn:aws[\\w-]*:states:[\\w-]+:\\d{12}:(?:execution|express):([^:]+):([^:]+)(?::[^:]+)?");
    private static final Pattern ACTIVITY = Pattern.compile("arn:aws[\\w-]*:states:[\\w-]+:\\d{12}:activity:[^:]+");
    /** A state machine ARN qualified by a version number or an alias name. */
    private static final Pattern QUALIFIED =
            Pattern.compile("(arn:aws[\\w-]*:states:[\\w-]+:\\d{12}:stateMachine:[^:]+):([^:]+)");
    private static final Pattern ROLE = Pattern.compile("arn:aws[\\w-]*:iam::\\d{12}:role/.+");

    public static Arns defaults() {
        return new Arns("us-east-1", "123456789012");
    }

    /** The region and account of a Step Functions resource ARN ({@code arn:partition:states:region:account:…}). */
    static Arns ofResource(String arn) {
        String[] parts = arn.split(":", 6);
        return new Arns(parts[3], parts[4]);
    }

    /** The same account in {@code otherRegion}. */
    public Arns inRegion(String otherRegion) {
        return otherRegion.equals(region) ? this : new Arns(otherRegion, account);
    }

    /** The partition a region belongs to, by AWS's region name prefixes. */
    public static String partitionOf(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("us-iso-")) {
            return "aws-iso";
        }
        if (region.startsWith("eu-isoe-")) {
            return "aws-iso-e";
        }
        if (region.startsWith("us-isof-")) {
            return "aws-iso-f";
        }
        return "aws";
    }

    public String partition() {
        return partitionOf(region);
    }

    /** What every Step Functions ARN of this region and account starts with. */
    String prefix() {
        return "arn:" + partition() + ":states:" + region + ":" + account + ":";
    }

    String stateMachine(String name) {
        return prefix() + "stateMachine:" + name;
    }

    String execution(String machineName, String name) {
        return prefix() + "execution:" + machineName + ":" + name;
    }

    String activity(String name) {
        return prefix() + "activity:" + name;
    }

    /** Express executions have their own ARN type, with a run id since names need not be unique. */
    String expressExecution(String machineName, String name, String runId) {
        return prefix() + "express:" + machineName + ":" + name + ":" + runId;
    }

    /** Whether {@code arn} is a resource of this region and account, which its lists show. */
    boolean owns(String arn) {
        return arn.startsWith(prefix());
    }

    /** Checks the shape of a state machine ARN; returns it. */
    static String requireStateMachine(String arn) {
        if (!STATE_MACHINE.matcher(arn).matches()) {
            throw ApiException.of("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
        return arn;
    }

    /**
     * Splits a state machine ARN that may name a version ({@code :<number>}) or an alias ({@code :<name>}) into
     * the state machine ARN and that qualifier, {@code null} when there is none.
     */
    static Qualified qualified(String arn) {
        Matcher m = QUALIFIED.matcher(arn);
        return m.matches() ? new Qualified(m.group(1), m.group(2)) : new Qualified(requireStateMachine(arn), null);
    }

    record Qualified(String stateMachineArn, String qualifier) {
        boolean isVersion() {
            return qualifier != null && qualifier.chars().allMatch(Character::isDigit);
        }

        boolean isAlias() {
            return qualifier != null && !isVersion();
        }
    }

    /** Whether an execution ARN names an Express execution, which Step Functions does not keep. */
    static boolean isExpressExecution(String arn) {
        Matcher m = EXECUTION.matcher(arn);
        return m.matches() && arn.split(":")[5].equals("express");
    }

    /** The state machine name inside an execution ARN, after checking the ARN's shape. */
    static String machineNameOfExecution(String arn) {
        Matcher m = EXECUTION.matcher(arn);
        if (!m.matches()) {
            throw ApiException.of("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
        return m.group(1);
    }

    static String requireActivity(String arn) {
        if (!ACTIVITY.matcher(arn).matches()) {
            throw ApiException.of("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
        return arn;
    }

    static String requireRole(String arn) {
        if (!ROLE.matcher(arn).matches()) {
            throw ApiException.of("InvalidArn", "Invalid Arn: '" + arn + "'");
        }
        return arn;
    }
}
