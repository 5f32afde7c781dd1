package io.stepwise.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The execution that started this one and waits for its end: a Distributed Map's Map Run (and later a
 * {@code states:startExecution.sync} task). When the child ends, the interpreter emits {@link Command.NotifyParent},
 * which the runner commits with the child's last step and delivers to the parent as {@link Trigger.ChildFinished}.
 *
 * @param executionArn the parent execution
 * @param ref what the parent waits on; the {@link Trigger.ChildFinished} names it
 * @param index the child's position among its parent's children (a Map item's index)
 * @param mapRunArn the Map Run that started the child, or {@code null} when no Map Run did
 * @param resource the parent's Task resource ({@code arn:aws:states:::states:startExecution.sync} or
 *     {@code .sync:2}) when a Task started the child and waits for its result under {@code ref}, else {@code null}
 */
public record ParentLink(String executionArn, String ref, int index,
        @JsonInclude(JsonInclude.Include.NON_NULL) String mapRunArn,
        @JsonInclude(JsonInclude.Include.NON_NULL) String resource) {

    /** A child of a Map Run. */
    public ParentLink(String executionArn, String ref, int index, String mapRunArn) {
        this(executionArn, ref, index, mapRunArn, null);
    }

    /** A child started by a {@code startExecution.sync} Task, which waits for it under the task's {@code ref}. */
    public static ParentLink ofTask(String executionArn, String ref, String resource) {
        return new ParentLink(executionArn, ref, 0, null, resource);
    }
}
