package io.stepwise.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code threads} daemon threads that run a group of jobs side by side and let the caller wait for the
 * whole group: how the EXPRESS children of one batch of a Distributed Map run together. Idle threads end after a
 * while, so an instance needs no closing; jobs beyond the threads wait in line.
 */
final class BoundedWorkers {
    private final String name;
    private final int threads;
    /** Made at the first group that needs a second thread: most runtimes never run EXPRESS children. */
    private volatile ThreadPoolExecutor pool;

    BoundedWorkers(String name, int threads) {
        this.name = name;
        this.threads = threads;
    }

    private ThreadPoolExecutor pool() {
        ThreadPoolExecutor made = pool;
        if (made == null) {
            synchronized (this) {
                made = pool;
                if (made == null) {
                    AtomicInteger count = new AtomicInteger();
                    made = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                            job -> {
                                Thread thread = new Thread(job, name + "-" + count.incrementAndGet());
                                thread.setDaemon(true);
                                return thread;
                            });
                    made.allowCoreThreadTimeOut(true);
                    pool = made;
                }
            }
        }
        return made;
    }

    /**
     * Runs the jobs, side by side up to the thread limit, and returns when all have ended; a job's exception is
     * thrown once every job has ended, so none is left running behind the caller's back.
     */
    void runAll(List<Runnable> jobs) {
        if (jobs.size() == 1) {
            jobs.get(0).run();
            return;
        }
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Runnable job : jobs) {
            running.add(CompletableFuture.runAsync(job, pool()));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
