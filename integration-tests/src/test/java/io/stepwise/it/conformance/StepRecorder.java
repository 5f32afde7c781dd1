package io.stepwise.it.conformance;

import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.Step;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryJson;
import io.stepwise.runtime.StepObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every step a runner takes. Events are written out at once, as a store would at the step's commit, so a
 * recipe changed after its step shows up as a replay difference rather than being recorded in its changed form.
 */
final class StepRecorder implements StepObserver {
    ExecutionStart start;
    final List<RecordedStep> steps = new ArrayList<>();

    @Override
    public void started(ExecutionStart start, Step step) {
        this.start = start;
        steps.add(recorded(null, start.startTime(), step));
    }

    @Override
    public void applied(Trigger trigger, Instant now, Step step) {
        steps.add(recorded(trigger, now, step));
    }

    static RecordedStep recorded(Trigger trigger, Instant now, Step step) {
        return new RecordedStep(trigger, now, written(step.events()), step.commands());
    }

    static List<String> written(List<HistoryEvent> events) {
        return events.stream().map(e -> HistoryJson.event(e).toString()).toList();
    }
}
