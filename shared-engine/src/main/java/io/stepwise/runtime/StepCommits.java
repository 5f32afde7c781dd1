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
        List<TaskTokenGrant> tokens = new ArrayList<>();
        List<Command.InvokeTask> tasks = new ArrayList<>();
        // Commands are ordered: only the last word on each timer ref counts, so a timer started and cancelled in
        // one step is never stored.
        Map<String, Optional<Timer>> timers = new LinkedHashMap<>();
        for (Command command : step.commands()) {
            Optional<Command.InvokeTask> internal = ChildCommands.asTask(command);
            if (internal.isPresent()) {
                tasks.add(internal.get());
            } else if (command instanceof Command.InvokeTask invoke) {
                tasks.add(invoke);
                if (invoke.taskToken() != null) {
                    tokens.add(new TaskTokenGrant(invoke.taskToken(), executionArn, invoke.ref()));
                }
            } else if (command instanceof Command.StartTimer start) {
                timers.put(start.ref(), Optional.of(new Timer(executionArn, start.ref(), start.dueAt())));
            } else if (command instanceof Command.CancelTimer cancel) {
                timers.put(cancel.ref(), Optional.empty());
            } else if (command instanceof Command.Continue next) {
                // Stored like a timer due at once, so that a continuation lost before its hand-over still fires.
                timers.put(next.ref(), Optional.of(continuation(executionArn, next)));
            } else {
                throw new IllegalStateException("unhandled command " + command);
            }
        }
        List<String> settled = pendingBefore == null || pendingBefore.isEmpty() ? List.of()
                : settled(pendingBefore, step);
        List<Timer> started = timers.values().stream().flatMap(Optional::stream).toList();
        List<String> cancelled = timers.entrySet().stream().filter(e -> e.getValue().isEmpty())
                .map(Map.Entry::getKey).toList();
        return new Commit(executionArn, expectedVersion, step.state(), step.events(), tokens, started, cancelled,
                tasks, settled, at, firedTimer == null ? List.of() : List.of(firedTimer));
    }

    private static List<String> settled(Set<String> pendingBefore, Step step) {
        Set<String> pendingAfter = PendingTasks.refs(step.state());
        return pendingBefore.stream().filter(ref -> !pendingAfter.contains(ref)).sorted().toList();
    }
}
