package io.stepwise.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.engine.Command;
import io.stepwise.query.Json;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The commands about other executions (start a Map Run's children, collect or stop them, tell a parent that its
 * child ended) travel as tasks on internal resources. That way they go through the outbox every store adapter
 * already has: committed with the step that issued them, dispatched after it, dispatched again by the recovery
 * sweep until their answer settles them, and carried out by {@link ChildExecutions} on whatever worker calls tasks.
 */
public final class ChildCommands {
    /** The prefix of the internal resources; no Task state can name one (the validator takes only AWS ARNs). */
    static final String PREFIX = "stepwise:internal:";
    /** How long a worker may take over one, before a sweep sends it again. */
    private static final int TIMEOUT_SECONDS = 60;
    private static final Map<String, Class<? extends Command>> TYPES = Map.of(
            PREFIX + "startChildren", Command.StartChildren.class,
            PREFIX + "collectResults", Command.CollectResults.class,
            PREFIX + "readItems", Command.ReadItems.class,
            PREFIX + "stopChildren", Command.StopChildren.class,
            PREFIX + "redriveChildren", Command.RedriveChildren.class,
            PREFIX + "stopChild", Command.StopChild.class,
            PREFIX + "notifyParent", Command.NotifyParent.class);
    /** {@link #TYPES} the other way round: the resource each command travels on. */
    private static final Map<Class<? extends Command>, String> RESOURCES = TYPES.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    private ChildCommands() {
    }

    /** The task that carries {@code command}, or empty when it is not a command about other executions. */
    public static Optional<Command.InvokeTask> asTask(Command command) {
        if (!(command instanceof Command.AboutExecutions about)) {
            return Optional.empty();
        }
        return Optional.of(new Command.InvokeTask(about.ref(), null, RESOURCES.get(about.getClass()),
                Json.MAPPER.valueToTree(command), null, TIMEOUT_SECONDS, null, null));
    }

    static boolean isInternal(String resource) {
        return resource != null && resource.startsWith(PREFIX);
    }

    /** The command a task of {@link #asTask} carries. */
    static Command of(String resource, JsonNode input) {
        Class<? extends Command> type = TYPES.get(resource);
        if (type == null) {
            throw new IllegalArgumentException("unknown internal resource " + resource);
        }
        try {
            return Json.MAPPER.treeToValue(input, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable " + resource + ": " + e.getOriginalMessage(), e);
        }
    }
}
