package io.stepwise.asl;

/** One state of a workflow; a sealed hierarchy so the interpreter handles every type in one place. */
public sealed interface State
        permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, ParallelState, MapState {

    StateCommon common();

    default String name() {
        return common().name();
    }
}
