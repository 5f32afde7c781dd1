package io.stepwise.engine.state;

import java.util.Locale;
import java.util.Optional;

/**
 * What a task or timer the execution waits for answers to, as the engine mints it. Commands, triggers, task
 * tokens and stores carry its {@link #text()}, the stored form, which {@link #parse} reads back. Every form but
 * the execution timeout and the parent notice starts with the id of the branch that issued it, so a trigger can be
 * led to its branch.
 */
public sealed interface PendingRef {

    /** The stored form, e.g. {@code root/Map/3#task17}. */
    String text();

    /** The id of the branch that waits on this ref; {@code null} for the execution timeout. */
    String branchId();

    /** A task invocation, scheduled at event {@code eventId}: {@code <branch>#task<eventId>}. */
    record Task(String branchId, long eventId) implements PendingRef {
        @Override
        public String text() {
            return branchId + "#task" + eventId;
        }
    }

    /** The {@code TimeoutSeconds} timer of {@code task}: {@code <task>#timeout}. */
    record TaskTimeout(Task task) implements PendingRef {
        @Override
        public String text() {
            return task.text() + "#timeout";
        }

        @Override
        public String branchId() {
            return task.branchId();
        }
    }

    /**
     * A {@code HeartbeatSeconds} timer of {@code task}, restarted by every heartbeat, so named by the next event id and
     * the time it was started: {@code <task>#heartbeat<eventId>.<epochMillis>}.
     */
    record Heartbeat(Task task, long eventId, long epochMillis) implements PendingRef {
        @Override
        public String text() {
            return task.text() + "#heartbeat" + eventId + "." + epochMillis;
        }

        @Override
        public String branchId() {
            return task.branchId();
        }
    }

    /** A retry's backoff, at {@code eventId} before retry {@code retryCount}: {@code <branch>#retry<eventId>.<n>}. */
    record Retry(String branchId, long eventId, int retryCount) implements PendingRef {
        @Override
        public String text() {
            return branchId + "#retry" + eventId + "." + retryCount;
        }
    }

    /** A Wait state's timer: {@code <branch>#wait<enteredEventId>.<eventId>}. */
    record Wait(String branchId, long enteredEventId, long eventId) implements PendingRef {
        @Override
        public String text() {
            return branchId + "#wait" + enteredEventId + "." + eventId;
        }
    }

    /** The state machine's {@code TimeoutSeconds} timer, one per execution. */
    record ExecutionTimeout() implements PendingRef {
        public static final String TEXT = "execution#timeout";

        @Override
        public String text() {
            return TEXT;
        }

        @Override
        public String branchId() {
            return null;
        }
    }

    /**
     * The stop of the child execution {@code task} started ({@code startExecution.sync}) when the task ends without
     * it: {@code <task>.stop}.
     */
    record ChildStop(Task task) implements PendingRef {
        @Override
        public String text() {
            return task.text() + ".stop";
        }

        @Override
        public String branchId() {
            return task.branchId();
        }
    }

    /**
     * A Distributed Map's run, opened at event {@code eventId}: {@code <branch>#maprun<eventId>}. Its children's ends
     * answer it; its commands ({@link MapRunCommand}) are named after it.
     */
    record MapRun(String branchId, long eventId) implements PendingRef {
        @Override
        public String text() {
            return branchId + "#maprun" + eventId;
        }
    }

    /**
     * A command of a Map Run: {@code <run>.start<n>} (the n-th batch of children), {@code <run>.read<n>} (the n-th page
     * of items), {@code <run>.collect}, {@code <run>.stop}, {@code <run>.redrive<count>.<batch>} (a batch of the
     * count-th redrive). {@code number} and {@code batch} are 0 where the form has none.
     */
    record MapRunCommand(MapRun run, Kind kind, int number, int batch) implements PendingRef {
        /** What the command does, spelled as its stored form names it. */
        public enum Kind {
            START, READ, COLLECT, STOP, REDRIVE;

            String word() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public static MapRunCommand start(MapRun run, int batch) {
            return new MapRunCommand(run, Kind.START, batch, 0);
        }

        public static MapRunCommand read(MapRun run, int page) {
            return new MapRunCommand(run, Kind.READ, page, 0);
        }

        public static MapRunCommand collect(MapRun run) {
            return new MapRunCommand(run, Kind.COLLECT, 0, 0);
        }

        public static MapRunCommand stop(MapRun run) {
            return new MapRunCommand(run, Kind.STOP, 0, 0);
        }

        public static MapRunCommand redrive(MapRun run, int redriveCount, int batch) {
            return new MapRunCommand(run, Kind.REDRIVE, redriveCount, batch);
        }

        @Override
        public String text() {
            return switch (kind) {
                case START, READ -> run.text() + "." + kind.word() + number;
                case COLLECT, STOP -> run.text() + "." + kind.word();
                case REDRIVE -> run.text() + "." + kind.word() + number + "." + batch;
            };
        }

        @Override
        public String branchId() {
            return run.branchId();
        }
    }

    /**
     * A child execution's notice to its parent that it ended, one per attempt (its redrive count):
     * {@code parent#notify<redriveCount>}. It names no branch: the notice outlives the execution's branches.
     */
    record ParentNotice(int redriveCount) implements PendingRef {
        static final String PREFIX = "parent#notify";

        @Override
        public String text() {
            return PREFIX + redriveCount;
        }

        @Override
        public String branchId() {
            return null;
        }
    }

    /**
     * Reads a stored form back; empty for text the engine did not mint. Branch ids hold state names, which may
     * contain {@code #}, so the ref's own parts are read from the end.
     */
    static Optional<PendingRef> parse(String text) {
        if (text.equals(ExecutionTimeout.TEXT)) {
            return Optional.of(new ExecutionTimeout());
        }
        if (text.startsWith(ParentNotice.PREFIX)) {
            try {
                String count = text.substring(ParentNotice.PREFIX.length());
                return Optional.of(new ParentNotice(Integer.parseInt(digits(count))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        int hash = text.lastIndexOf('#');
        if (hash <= 0) {
            return Optional.empty();
        }
        String owner = text.substring(0, hash);
        String part = text.substring(hash + 1);
        try {
            if (part.equals("timeout")) {
                return task(owner).map(TaskTimeout::new);
            }
            if (part.startsWith("heartbeat")) {
                long[] n = pair(part.substring("heartbeat".length()));
                return task(owner).map(task -> new Heartbeat(task, n[0], n[1]));
            }
            if (part.startsWith("task") && part.endsWith(".stop")) {
                String number = part.substring("task".length(), part.length() - ".stop".length());
                return Optional.of(new ChildStop(new Task(owner, Long.parseLong(digits(number)))));
            }
            if (part.startsWith("maprun")) {
                return mapRun(owner, part.substring("maprun".length()));
            }
            if (part.startsWith("task")) {
                return Optional.of(new Task(owner, Long.parseLong(digits(part.substring("task".length())))));
            }
            if (part.startsWith("retry")) {
                long[] n = pair(part.substring("retry".length()));
                return Optional.of(new Retry(owner, n[0], Math.toIntExact(n[1])));
            }
            if (part.startsWith("wait")) {
                long[] n = pair(part.substring("wait".length()));
                return Optional.of(new Wait(owner, n[0], n[1]));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code <eventId>} or {@code <eventId>.<command>} after {@code #maprun}. */
    private static Optional<PendingRef> mapRun(String owner, String rest) {
        int dot = rest.indexOf('.');
        MapRun run = new MapRun(owner, Long.parseLong(digits(dot < 0 ? rest : rest.substring(0, dot))));
        if (dot < 0) {
            return Optional.of(run);
        }
        String command = rest.substring(dot + 1);
        for (MapRunCommand.Kind kind : MapRunCommand.Kind.values()) {
            if (!command.startsWith(kind.word())) {
                continue;
            }
            String numbers = command.substring(kind.word().length());
            MapRunCommand parsed = switch (kind) {
                case START -> MapRunCommand.start(run, Math.toIntExact(Long.parseLong(digits(numbers))));
                case READ -> MapRunCommand.read(run, Math.toIntExact(Long.parseLong(digits(numbers))));
                case COLLECT -> numbers.isEmpty() ? MapRunCommand.collect(run) : null;
                case STOP -> numbers.isEmpty() ? MapRunCommand.stop(run) : null;
                case REDRIVE -> {
                    long[] n = pair(numbers);
                    yield n[1] < 0 ? null : MapRunCommand.redrive(run, Math.toIntExact(n[0]), Math.toIntExact(n[1]));
                }
            };
            return Optional.ofNullable(parsed);
        }
        return Optional.empty();
    }

    private static Optional<Task> task(String text) {
        return parse(text).filter(Task.class::isInstance).map(Task.class::cast);
    }

    private static long[] pair(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            throw new NumberFormatException(text);
        }
        // The second number may be a time before 1970 under a virtual clock, so it keeps its sign.
        return new long[] {Long.parseLong(digits(text.substring(0, dot))), Long.parseLong(text.substring(dot + 1))};
    }

    /** Only plain digits: {@code Long.parseLong} would also take a sign, which the engine never writes. */
    private static String digits(String text) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            throw new NumberFormatException(text);
        }
        return text;
    }
}
