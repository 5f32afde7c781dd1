package io.stepwise.local.server;

import io.stepwise.api.Arns;
import io.stepwise.api.Backend;
import io.stepwise.api.NestedExecutionStarts;
import io.stepwise.api.StepFunctionsService;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.integrations.SdkModelShapes;
import io.stepwise.runtime.MapRunIo;
import io.stepwise.local.config.MockConfig;
import io.stepwise.local.config.MockedIntegrations;
import io.stepwise.local.config.StepwiseConfig;
import io.stepwise.local.config.TestCaseSelection;
import io.stepwise.local.runtime.JsonLinesExecutionLogs;
import io.stepwise.local.runtime.LocalRuntime;
import io.stepwise.local.store.SqliteActivityStore;
import io.stepwise.local.store.SqliteDatabase;
import io.stepwise.local.store.SqliteExecutionStore;
import io.stepwise.local.store.SqliteMapRunStore;
import io.stepwise.local.store.SqliteStateMachineStore;
import io.stepwise.local.store.SqliteTimerStore;
import io.stepwise.local.store.SqliteVersionStore;
import io.stepwise.runtime.ActivityRouting;
import io.stepwise.runtime.ExecutionLogs;
import io.stepwise.runtime.InMemoryActivityQueue;
import io.stepwise.runtime.MapRuns;
import io.stepwise.runtime.VirtualClock;
import java.io.IOException;
import java.time.Clock;

/**
 * The composition root of {@code stepwise serve}: SQLite stores, the runner with its in-process queues and timer
 * poller, activity queues, task integrations (with the mock configuration in front of them) and HTTP server.
 */
public final class LocalStepwise implements AutoCloseable {
    private static final int TASK_WORKERS = 32;
    /** Steps are short and SQLite has one writer; more workers than cores still let commits group. */
    private static final int TRANSITION_WORKERS = 16;

    private final SqliteDatabase db;
    private final LocalRuntime runtime;
    private final StepwiseServer server;
    /** What the composition root built and must close, e.g. the SDK clients of the service integrations. */
    private AutoCloseable owned = () -> { };

    private LocalStepwise(ServeOptions options, IntegrationRegistry integrations, MapRunIo mapRunIo)
            throws IOException {
        StepwiseServer.requireKeysOffLoopback(options.host(), options.accessKeys());
        MockConfig mocks = options.mockConfig() == null ? null : MockConfig.load(options.mockConfig());
        db = options.inMemory() ? SqliteDatabase.inMemory()
                : SqliteDatabase.open(options.dataDir(), options.durability());
        Clock clock = options.virtualTime() ? new VirtualClock(Clock.systemUTC().instant()) : Clock.systemUTC();
        SqliteTimerStore timers = new SqliteTimerStore(db);
        SqliteExecutionStore executions = new SqliteExecutionStore(db);
        InMemoryActivityQueue activityQueue = new InMemoryActivityQueue();
        IntegrationRegistry routed = new ActivityRouting(activityQueue, integrations);
        MockedIntegrations mocked = null;
        if (mocks != null) {
            mocked = new MockedIntegrations(mocks, routed);
            routed = mocked;
        }
        SqliteStateMachineStore machines = new SqliteStateMachineStore(db);
        // Execution logs go beside the database; an in-memory server keeps nothing on disk, logs included.
        ExecutionLogs logs = options.inMemory() ? ExecutionLogs.NONE
                : new JsonLinesExecutionLogs(machines, options.dataDir().resolve("logs"));
        SqliteMapRunStore mapRuns = new SqliteMapRunStore(db);
        runtime = new LocalRuntime(executions, timers, routed, new MapRuns(mapRuns), mapRunIo, clock, TASK_WORKERS,
                TRANSITION_WORKERS, logs);
        Backend backend = new Backend(machines, new SqliteVersionStore(db), executions, new SqliteActivityStore(db), runtime.runner(),
                runtime.expressRunner(), runtime.expressLauncher(), activityQueue, clock, arns(options.account()),
                new TestCaseSelection(mocked), mapRuns);
        runtime.attach(new NestedExecutionStarts(backend));
        // TestState calls the services themselves: the mock configuration binds only executions of its test cases.
        server = new StepwiseServer(new StepFunctionsService(backend, new SdkModelShapes(),
                new ActivityRouting(activityQueue, integrations)), options.host(),
                options.port(), options.accessKeys());
    }

    /**
     * The default region (of unsigned requests) and the account of every ARN: {@code --account} when given, else
     * {@code STEPWISE_ACCOUNT} when set (twelve digits), else AWS's documentation account 123456789012. Signed
     * requests are served in the region of their credential scope.
     */
    static Arns arns(String option) {
        String account = option != null ? option : System.getenv("STEPWISE_ACCOUNT");
        if (account == null || account.isBlank()) {
            return Arns.defaults();
        }
        if (!account.matches("\\d{12}")) {
            throw new IllegalArgumentException("STEPWISE_ACCOUNT must be twelve digits, not " + account);
        }
        return new Arns(Arns.defaults().region(), account);
    }

    /**
     * Starts with the Lambda functions of {@code options} ({@code --config}, {@code --function}).
     *
     * @throws IllegalArgumentException when the configuration or a function cannot be loaded
     */
    public static LocalStepwise start(ServeOptions options) throws IOException {
        StepwiseConfig config = (options.config() == null ? StepwiseConfig.empty()
                : StepwiseConfig.load(options.config())).withFunctions(options.functions());
        ConfiguredIntegrations services = ConfiguredIntegrations.of(config, System.err);
        LocalStepwise stepwise;
        try {
            stepwise = start(options, services, services.mapRunIo());
        } catch (IOException | RuntimeException e) {
            services.close();
            throw e;
        }
        stepwise.owned = services;
        return stepwise;
    }

    /**
     * Opens the store, dispatches the tasks a previous run left unfinished, then starts firing timers (including
     * those left from a previous run), sweeping the outbox and serving.
     */
    public static LocalStepwise start(ServeOptions options, IntegrationRegistry integrations) throws IOException {
        return start(options, integrations, MapRunIo.NONE);
    }

    /**
     * {@link #start(ServeOptions, IntegrationRegistry)} with Distributed Maps reading their ItemReader's items and
     * writing their ResultWriter's results through {@code mapRunIo}.
     */
    public static LocalStepwise start(ServeOptions options, IntegrationRegistry integrations, MapRunIo mapRunIo)
            throws IOException {
        LocalStepwise stepwise = new LocalStepwise(options, integrations, mapRunIo);
        int resumed = stepwise.runtime.resumeDispatch();
        if (resumed > 0) {
            System.out.println("stepwise: resumed " + resumed + " task(s) left unfinished by the previous run");
        }
        stepwise.runtime.start();
        stepwise.server.start();
        return stepwise;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        runtime.close();
        db.close();
        try {
            owned.close();
        } catch (Exception e) {
            System.err.println("stepwise: closing the service integrations failed: " + e);
        }
    }
}
