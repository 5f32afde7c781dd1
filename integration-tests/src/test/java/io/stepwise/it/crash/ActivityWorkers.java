package io.stepwise.it.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Activity workers as a real deployment runs them: they poll, think a little, answer with {@code {"doubled": 2n}},
 * and ride out a server that disappears by retrying against whichever server {@code endpoint} names now. A worker
 * holding a task when the server died still answers it after the restart.
 */
final class ActivityWorkers implements AutoCloseable {
    private static final long RETRY_MILLIS = 50;

    private final AtomicReference<SfnClient> endpoint;
    private final String activityArn;
    private final ExecutorService threads;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger alreadyAnswered = new AtomicInteger();
    private volatile boolean running = true;

    ActivityWorkers(AtomicReference<SfnClient> endpoint, String activityArn, int count) {
        this.endpoint = endpoint;
        this.activityArn = activityArn;
        this.threads = Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, "activity-worker");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < count; i++) {
            String name = "worker-" + i;
            threads.execute(() -> work(name));
        }
    }

    /** Answers the server accepted. */
    int answered() {
        return answered.get();
    }

    /** Answers refused because the task was answered already: tasks handed out twice across the crash. */
    int alreadyAnswered() {
        return alreadyAnswered.get();
    }

    private void work(String name) {
        while (running) {
            try {
                GetActivityTaskResponse task = endpoint.get().getActivityTask(b -> b.activityArn(activityArn)
                        .workerName(name));
                if (task.taskToken() != null) {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(5));
                    answer(task.taskToken(), task.input());
                }
            } catch (SdkClientException e) {
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void answer(String token, String input) throws InterruptedException {
        JsonNode in = Json.parse(input);
        String output = "{\"doubled\":" + (2 * in.get("n").asInt()) + "}";
        while (running) {
            try {
                endpoint.get().sendTaskSuccess(b -> b.taskToken(token).output(output));
                answered.incrementAndGet();
                return;
            } catch (TaskTimedOutException | TaskDoesNotExistException e) {
                alreadyAnswered.incrementAndGet();
                return;
            } catch (SdkClientException e) {
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
