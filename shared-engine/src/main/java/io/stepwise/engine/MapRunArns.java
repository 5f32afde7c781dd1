package io.stepwise.engine;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The names of a Map Run's child executions. AWS names a child {@code execution:<machine>/<label>:<name>} with a
 * UUID as its name, and shows {@code stateMachine:<machine>/<label>} as its state machine (DMAP; StartExecution's
 * "qualified state machine ARN … refers to a Distributed Map state with a label"). Stepwise derives the name from
 * the Map Run and the child's index, so any worker finds a child again without a lookup, and keeps the run id on
 * the state machine ARN it stores ({@link #childMachineArn}), which lists one run's children together; the API and
 * the context object show it without ({@link #shownMachineArn}).
 */
public final class MapRunArns {
    private static final String MAP_RUN = ":mapRun:";
    private static final String STATE_MACHINE = ":stateMachine:";

    private MapRunArns() {
    }

    /** The child's execution name: a UUID made from the Map Run and the index, the same every time. */
    public static String childName(String mapRunArn, int index) {
        return UUID.nameUUIDFromBytes((mapRunArn + "#" + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The child at {@code index}: {@code execution:<machine>/<label>:<name>}. */
    public static String childArn(String mapRunArn, int index) {
        String run = mapRunArn.replace(MAP_RUN, ":execution:");
        return run.substring(0, run.lastIndexOf(':') + 1) + childName(mapRunArn, index);
    }

    /**
     * The ARN children of a run had before Stepwise named them as AWS does ({@code …/<label>:<run id>:<index>}),
     * under which a database from then still keeps them.
     */
    public static String legacyChildArn(String mapRunArn, int index) {
        return mapRunArn.replace(MAP_RUN, ":execution:") + ":" + index;
    }

    /** The state machine ARN stored with the run's children: {@code stateMachine:<machine>/<label>:<run id>}. */
    public static String childMachineArn(String mapRunArn) {
        return mapRunArn.replace(MAP_RUN, STATE_MACHINE);
    }

    /**
     * A state machine ARN as AWS shows it: a Map Run child's ({@code …/<label>:<run id>}) without the run id, any
     * other unchanged. A machine's own name cannot hold a {@code /}, so only a child's has one.
     */
    public static String shownMachineArn(String stateMachineArn) {
        if (stateMachineArn == null) {
            return null;
        }
        int machine = stateMachineArn.indexOf(STATE_MACHINE);
        int slash = machine < 0 ? -1 : stateMachineArn.indexOf('/', machine);
        int runId = slash < 0 ? -1 : stateMachineArn.indexOf(':', slash);
        return runId < 0 ? stateMachineArn : stateMachineArn.substring(0, runId);
    }

    /** A state machine name as AWS shows it: a Map Run child's ({@code <machine>/<label>:<run id>}) without the id. */
    public static String shownMachineName(String stateMachineName) {
        if (stateMachineName == null) {
            return null;
        }
        int slash = stateMachineName.indexOf('/');
        int runId = slash < 0 ? -1 : stateMachineName.indexOf(':', slash);
        return runId < 0 ? stateMachineName : stateMachineName.substring(0, runId);
    }
}
