package io.stepwise.runtime;

import io.stepwise.engine.Command;
import io.stepwise.engine.Step;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.TaskTokenGrant;
import io.stepwise.engine.port.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns an interpreter step into the commit that stores it together with every side effect it asks for. */
final class StepCommits {
    private StepCommits() {
    }

    /** The stored timer that carries a step's continuation. */
    static Timer continuation(String executionArn, Command.Continue next) {
        return new Timer(executionArn, next.ref(), next.at());
    }

    /**
     * @param pendingBefore the tasks the execution waited for before the step: those it no longer waits for are
     *     settled, whatever ended them (an answer, a timeout, a stop, a failing sibling branch); {@code null} for a
     *     store that keeps no outbox, whose commits settle nothing
     * @param firedTimer the stored timer whose fire the step applies, or {@code null}
     */
    static Commit of(String executionArn, long expectedVersion, Step step, Set<String> pendingBefore, Instant at,
            Timer firedTimer) {
        // Plain loops and lists made only when needed: this runs once per step, in memory many times a millisecond.
        List<TaskTokenGrant> tokens = List.of();
        List<Command.InvokeTask> tasks = List.of();
        List<Command> timerCommands = List.of();
        for (Command command : step.commands()) {
            Optional<Command.InvokeTask> internal = ChildCommands.asTask(command);
            if (internal.isPresent()) {
                tasks = added(tasks, internal.get());
            } else if (command instanceof Command.InvokeTask invoke) {
                tasks = added(tasks, invoke);
                if (invoke.taskToken() != null) {
                    tokens = added(tokens, new TaskTokenGrant(invoke.taskToken(), executionArn, invoke.ref()));
                }
            } else if (command instanceof Command.StartTimer || command instanceof Command.CancelTimer
                    || command instanceof Command.Continue) {
                timerCommands = added(timerCommands, command);
            } else {
                throw new IllegalStateException("unhandled command " + command);
            }
        }
        List<String> settled = pendingBefore == null || pendingBefore.isEmpty() ? List.of()
                : settled(pendingBefore, step);
        List<Timer> started = List.of();
        List<String> cancelled = List.of();
        for (Command command : lastWordOnEachTimer(timerCommands)) {
            if (command instanceof Command.StartTimer start) {
                started = added(started, new Timer(executionArn, start.ref(), start.dueAt()));
            } else if (command instanceof Command.CancelTimer cancel) {
                cancelled = added(cancelled, cancel.ref());
            } else if (command instanceof Command.Continue next) {
                // Stored like a timer due at once, so that a continuation lost before its hand-over still fires.
                started = added(started, continuation(executionArn, next));
            }
        }
        return new Commit(executionArn, expectedVersion, step.state(), step.events(), tokens, started, cancelled,
                tasks, settled, at, firedTimer == null ? List.of() : List.of(firedTimer));
    }

    /**
     * {@code list} with {@code item} at its end. Most steps have one task or timer at most: a list of one stays
     * immutable, so the commit need not copy it.
     */
    private static <T> List<T> added(List<T> list, T item) {
        if (list.isEmpty()) {
            return List.of(item);
        }
        List<T> growing = list.size() == 1 ? new ArrayList<>(list) : list;
        growing.add(item);
        return growing;
    }

    /**
     * Commands are ordered: only the last word on each timer ref counts, so a timer started and cancelled in one step
     * is never stored. Each ref keeps the place of its first command.
     */
    private static List<Command> lastWordOnEachTimer(List<Command> timerCommands) {
        if (timerCommands.size() <= 1) {
            return timerCommands;
        }
        Map<String, Command> byRef = new LinkedHashMap<>();
        for (Command command : timerCommands) {
            byRef.put(timerRef(command), command);
        }
        return List.copyOf(byRef.values());
    }

    private static String timerRef(Command command) {
        if (command instanceof Command.StartTimer start) {
            return start.ref();
        }
        if (command instanceof Command.CancelTimer cancel) {
            return cancel.ref();
        }
        return ((Command.Continue) command).ref();
    }

    private static List<String> settled(Set<String> pendingBefore, Step step) {
        Set<String> pendingAfter = PendingTasks.refs(step.state());
        return pendingBefore.stream().filter(ref -> !pendingAfter.contains(ref)).sorted().toList();
    }
}
