package io.stepwise.asl.validation;

import java.util.Set;

/** The eight state types and the fields each accepts (ASL "Table of State Types and Fields"). */
enum StateType {
    TASK("Task", true, "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Arguments",
            "Output", "Assign", "Retry", "Catch", "Resource", "TimeoutSeconds", "TimeoutSecondsPath",
            "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials"),
    PARALLEL("Parallel", true, "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath",
            "Arguments", "Output", "Assign", "Retry", "Catch", "Branches"),
    MAP("Map", true, "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Output",
            "Assign", "Retry", "Catch", "ItemsPath", "Items", "ItemSelector", "Iterator", "ItemProcessor",
            "ItemReader", "ItemBatcher", "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath",
            "ToleratedFailureCount", "ToleratedFailureCountPath", "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath", "Label"),
    PASS("Pass", true, "InputPath", "OutputPath", "Parameters", "ResultPath", "Result", "Output", "Assign"),
    WAIT("Wait", true, "InputPath", "OutputPath", "Output", "Assign", "Seconds", "SecondsPath", "Timestamp",
            "TimestampPath"),
    CHOICE("Choice", false, "InputPath", "OutputPath", "Output", "Assign", "Choices", "Default"),
    SUCCEED("Succeed", false, "InputPath", "OutputPath", "Output"),
    FAIL("Fail", false, "Error", "ErrorPath", "Cause", "CausePath");

    /** Fields every state accepts. */
    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
    /** Transition fields of the types that must either continue or end. */
    private static final Set<String> TRANSITIONS = Set.of("Next", "End");

    private final String aslName;
    private final boolean needsTransition;
    private final Set<String> fields;

    StateType(String aslName, boolean needsTransition, String... specific) {
        this.aslName = aslName;
        this.needsTransition = needsTransition;
        this.fields = Set.of(specific);
    }

    String aslName() {
        return aslName;
    }

    /** Task, Parallel, Map, Pass and Wait need exactly one of Next / End. */
    boolean needsTransition() {
        return needsTransition;
    }

    boolean accepts(String field) {
        return fields.contains(field) || COMMON.contains(field) || (needsTransition && TRANSITIONS.contains(field));
    }

    static StateType fromAsl(String name) {
        for (StateType type : values()) {
            if (type.aslName.equals(name)) {
                return type;
            }
        }
        return null;
    }

    static String aslNames() {
        StringBuilder names = new StringBuilder("[");
        for (StateType type : values()) {
            names.append(names.length() > 1 ? ", " : "").append(type.aslName);
        }
        return names.append(']').toString();
    }
}
