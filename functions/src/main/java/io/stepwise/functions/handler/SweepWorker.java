package io.stepwise.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Instant;
import java.util.Map;

/**
 * The Lambda a schedule (an EventBridge rule, every minute) runs: dispatches again the tasks whose answer never
 * came and fires again the stored timers that are due, in case a message was lost. Any number may run at once.
 */
public final class SweepWorker implements RequestHandler<Map<String, Object>, String> {
    private final AwsRuntime runtime;

    public SweepWorker() {
        this(AwsRuntime.fromEnvironment());
    }

    public SweepWorker(AwsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        // Claims measure how long calls take, so the outbox is swept on the wall clock whatever the runtime's clock.
        int tasks = runtime.sweeps().sweepOutbox(Instant.now());
        int timers = runtime.sweeps().fireDueTimers(runtime.clock().instant());
        return "dispatched again " + tasks + " task(s), fired " + timers + " due timer(s)";
    }
}
