package io.stepwise.engine;

/**
 * Counts the store items a step writes (history events, timers, outbox tasks, task tokens) and tells the step when
 * to stop, so that one step always fits one commit: one DynamoDB transaction on AWS.
 */
final class StepBudget {
    /**
     * Items kept free when the step checks, which it does before it enters a state or launches a child: one state
     * and the closing events of the Parallel and Map states it may complete write fewer than this.
     */
    static final int RESERVE = 20;

    private final int max;
    private int items;

    StepBudget(int max) {
        this.max = max;
    }

    void count(int newItems) {
        items += newItems;
    }

    /** Whether the step must stop before it starts more work. */
    boolean reached() {
        return max != EngineLimits.UNBOUNDED_STEP && items + RESERVE >= max;
    }

    static int itemsOf(Command command) {
        return command instanceof Command.InvokeTask invoke && invoke.taskToken() != null ? 2 : 1;
    }
}
