package io.stepwise.local.runtime;

import io.stepwise.engine.ExecutionStart;
import io.stepwise.runtime.ExpressLauncher;
import io.stepwise.runtime.ExpressRunner;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs asynchronous Express executions on a bounded pool of the process: up to {@code threads} at once (an Express
 * execution may sleep in a Wait for its full five minutes, holding its thread), then up to {@code backlog} waiting
 * for a thread; past that {@link #launch} refuses, rather than let a burst of starts exhaust the process.
 */
public final class ExecutorExpressLauncher implements ExpressLauncher, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ExecutorExpressLauncher.class.getName());

    private final ExpressRunner runner;
    private final ThreadPoolExecutor pool;

    public ExecutorExpressLauncher(ExpressRunner runner, int threads, int backlog) {
        this.runner = runner;
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(backlog),
                runnable -> {
                    Thread thread = new Thread(runnable, "stepwise-express");
                    thread.setDaemon(true);
                    return thread;
                });
        // Idle threads go away, so a server that ran one burst of Express executions does not keep them all.
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public boolean launch(ExecutionStart start, String definition) {
        try {
            pool.execute(() -> run(start, definition));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * An execution that breaks the runner is logged, since nobody waits for its answer; one interrupted by
     * {@link #close} is not, as stopping it is what the close asked for.
     */
    private void run(ExecutionStart start, String definition) {
        try {
            runner.run(start, definition);
        } catch (RuntimeException e) {
            if (!pool.isShutdown()) {
                LOG.log(System.Logger.Level.ERROR, "Express execution " + start.executionArn() + " failed", e);
            }
        }
    }

    /** Stops the running executions: Express executions keep no state that outlives the process. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
