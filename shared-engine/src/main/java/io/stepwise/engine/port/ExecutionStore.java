package io.stepwise.engine.port;

/**
 * Stores executions, their history, task tokens, timers and task outbox. The roles are separate ports, so each
 * consumer depends only on what it uses and an adapter may keep each in its own items; one store implements them
 * all because a commit changes every one of them as one unit.
 *
 * <ul>
 *   <li>{@link ExecutionCommits}: create, load and the compare-and-set commit (the runner);
 *   <li>{@link ExecutionQueries}: list and history pages (the API's describe, list and history);
 *   <li>{@link TaskOutbox}: unsettled tasks, their claims and the recovery sweep;
 *   <li>{@link TaskTokenLookup}: the task a callback or activity token answers.
 * </ul>
 */
public interface ExecutionStore extends ExecutionCommits, ExecutionQueries, TaskOutbox, TaskTokenLookup {
}
