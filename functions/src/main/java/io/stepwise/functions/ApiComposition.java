package io.stepwise.functions;

import io.stepwise.api.Arns;
import io.stepwise.api.Backend;
import io.stepwise.api.StepFunctionsService;
import io.stepwise.api.StartHook;
import io.stepwise.functions.handler.AwsConfig;
import io.stepwise.functions.store.DynamoDbExecutionCallers;
import io.stepwise.functions.store.DynamoDbTables;
import io.stepwise.engine.EngineLimits;
import io.stepwise.integrations.SdkModelShapes;
import io.stepwise.runtime.ExpressRunner;
import io.stepwise.runtime.MapRuns;
import io.stepwise.runtime.TransitionRunner;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root of the API function: the same {@link StepFunctionsService} as {@code stepwise serve}, over
 * whatever adapters it is given. Standard executions commit through a {@link TransitionRunner} whose tasks and
 * timers go to the adapters' queues; synchronous Express executions run here, in memory, to their end.
 */
public final class ApiComposition {

    private ApiComposition() {
    }

    public static StepFunctionsService service(Adapters adapters, Clock clock, Arns arns) {
        return new StepFunctionsService(backend(adapters, clock, arns), new SdkModelShapes(), adapters.integrations());
    }

    /**
     * What the API operations run over; the task function uses it too, to start the child executions of
     * {@code startExecution.sync} Tasks as StartExecution does.
     */
    public static Backend backend(Adapters adapters, Clock clock, Arns arns) {
        TransitionRunner runner = new TransitionRunner(adapters.executions(), clock, adapters.tasks(),
                adapters.timers(), delivery -> { }, EngineLimits.AWS, adapters.logs(),
                new MapRuns(adapters.mapRuns()));
        return new Backend(adapters.machines(), adapters.versions(), adapters.executions(),
                adapters.activities(), runner, new ExpressRunner(adapters.integrations(), clock, adapters.logs()),
                adapters.expressLauncher(), adapters.activityQueue(), clock, arns, StartHook.NONE, adapters.mapRuns());
    }

    /** Where the deployed API function records who started each execution: the stack's DynamoDB tables. */
    static ExecutionCallers callers(Map<String, String> environment) {
        AwsConfig config = AwsConfig.from(environment);
        DynamoDbClient dynamo = config.client(DynamoDbClient.builder());
        return new DynamoDbExecutionCallers(dynamo, new DynamoDbTables(config.tablePrefix()));
    }

    /** The ARNs of the account and region the function runs in, as the stack states them. */
    public static Arns arns(Map<String, String> environment) {
        return new Arns(Environment.require(environment, Environment.REGION),
                Environment.require(environment, Environment.ACCOUNT_ID));
    }
}
