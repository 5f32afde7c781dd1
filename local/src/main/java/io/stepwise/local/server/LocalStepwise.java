package io.stepwise.local.server;

import io.stepwise.api.Arns;
import io.stepwise.api.Backend;
import io.stepwise.api.StepFunctionsService;
import io.stepwise.api.TestCases;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.integrations.ServiceIntegrations;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsSettings;
import io.stepwise.local.config.LambdaFunctions;
import io.stepwise.local.config.MockConfig;
import io.stepwise.local.config.MockedIntegrations;
import io.stepwise.local.config.StepwiseConfig;
import io.stepwise.local.lambda.LocalLambdaRegistry;
import io.stepwise.local.store.SqliteActivityStore;
import io.stepwise.local.store.SqliteDatabase;
import io.stepwise.local.store.SqliteExecutionStore;
import io.stepwise.local.store.SqliteStateMachineStore;
import io.stepwise.local.store.SqliteTimerStore;
import io.stepwise.local.store.SqliteVersionStore;
import io.stepwise.runtime.ActivityRouting;
import io.stepwise.runtime.ActivityTasks;
import io.stepwise.runtime.InMemoryRunner;
import io.stepwise.runtime.TimerScheduler;
import io.stepwise.runtime.TransitionRunner;
import io.stepwise.runtime.VirtualClock;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The composition root of {@code stepwise serve}: SQLite stores, runner, timer scheduler, activity queues, task
 * integrations (with the mock configuration in front of them) and HTTP server.
 */
public final class LocalStepwise implements AutoCloseable {
    private static final int TASK_WORKERS = 32;

    private final SqliteDatabase db;
    private final ExecutorService workers;
    private final TransitionRunner runner;
    private final TimerScheduler scheduler;
    private final StepwiseServer server;
    /** What the composition root built and must close, e.g. the SDK clients of the service integrations. */
    private AutoCloseable owned = () -> { };

    private LocalStepwise(ServeOptions options, IntegrationRegistry integrations) throws IOException {
        MockConfig mocks = options.mockConfig() == null ? null : MockConfig.load(options.mockConfig());
        db = options.inMemory() ? SqliteDatabase.inMemory() : SqliteDatabase.open(options.dataDir());
        Clock clock = options.virtualTime() ? new VirtualClock(Clock.systemUTC().instant()) : Clock.systemUTC();
        workers = Executors.newFixedThreadPool(TASK_WORKERS, runnable -> {
            Thread thread = new Thread(runnable, "stepwise-task");
            thread.setDaemon(true);
            return thread;
        });
        SqliteTimerStore timers = new SqliteTimerStore(db);
        SqliteExecutionStore executions = new SqliteExecutionStore(db);
        ActivityTasks activityTasks = new ActivityTasks();
        IntegrationRegistry routed = new ActivityRouting(activityTasks, integrations);
        TestCases testCases = TestCases.NONE;
        if (mocks != null) {
            MockedIntegrations mocked = new MockedIntegrations(mocks, routed);
            routed = mocked;
            testCases = mocked;
        }
        runner = new TransitionRunner(executions, routed, clock, workers);
        Backend backend = new Backend(new SqliteStateMachineStore(db), new SqliteVersionStore(db), executions, new SqliteActivityStore(db), runner,
                new InMemoryRunner(routed, clock), activityTasks, clock, Arns.defaults(), testCases);
        scheduler = new TimerScheduler(timers, runner, clock);
        server = new StepwiseServer(new StepFunctionsService(backend), options.host(), options.port());
    }

    /**
     * Starts with the Lambda functions of {@code options} ({@code --config}, {@code --function}).
     *
     * @throws IllegalArgumentException when the configuration or a function cannot be loaded
     */
    public static LocalStepwise start(ServeOptions options) throws IOException {
        StepwiseConfig config = (options.config() == null ? StepwiseConfig.empty()
                : StepwiseConfig.load(options.config())).withFunctions(options.functions());
        var functions = LambdaFunctions.load(config, LocalStepwise.class.getClassLoader());
        LocalLambdaRegistry lambdas = new LocalLambdaRegistry(functions, Clock.systemUTC(), System.err);
        // Without an aws section, Lambda stays local-only (an unknown function fails without a network call);
        // other services still reach AWS with the SDK's default region and credentials.
        boolean remoteLambda = config.aws() != null;
        AwsSettings aws = remoteLambda ? config.aws() : AwsSettings.defaults();
        ServiceIntegrations services = new ServiceIntegrations(new AwsClients(aws), remoteLambda);
        LocalStepwise stepwise;
        try {
            stepwise = start(options, new LocalIntegrations(lambdas, services, remoteLambda));
        } catch (IOException | RuntimeException e) {
            services.close();
            throw e;
        }
        stepwise.owned = services;
        return stepwise;
    }

    /**
     * Opens the store, dispatches the tasks a previous run left unfinished, then starts firing timers (including
     * those left from a previous run) and serving.
     */
    public static LocalStepwise start(ServeOptions options, IntegrationRegistry integrations) throws IOException {
        LocalStepwise stepwise = new LocalStepwise(options, integrations);
        int resumed = stepwise.runner.resumeDispatch();
        if (resumed > 0) {
            System.out.println("stepwise: resumed " + resumed + " task(s) left unfinished by the previous run");
        }
        stepwise.scheduler.start();
        stepwise.server.start();
        return stepwise;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        scheduler.close();
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
        try {
            owned.close();
        } catch (Exception e) {
            System.err.println("stepwise: closing the service integrations failed: " + e);
        }
    }
}
