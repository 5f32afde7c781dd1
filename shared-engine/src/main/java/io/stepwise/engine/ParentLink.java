package io.stepwise.engine;

/**
 * The execution that started this one and waits for its end: a Distributed Map's Map Run (and later a
 * {@code states:startExecution.sync} task). When the child ends, the interpreter emits {@link Command.NotifyParent},
 * which the runner commits with the child's last step and delivers to the parent as {@link Trigger.ChildFinished}.
 *
 * @param executionArn the parent execution
 * @param ref what the parent waits on; the {@link Trigger.ChildFinished} names it
 * @param index the child's position among its parent's children (a Map item's index)
 * @param mapRunArn the Map Run that started the child, or {@code null} when no Map Run did
 */
public record ParentLink(String executionArn, String ref, int index, String mapRunArn) {
}
