package io.stepwise.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.ActivityRecord;
import io.stepwise.engine.port.EncryptionConfiguration;
import io.stepwise.engine.port.InvalidPageToken;
import io.stepwise.engine.port.Page;
import io.stepwise.engine.port.TaskTokenGrant;
import io.stepwise.runtime.ActivityTask;
import io.stepwise.runtime.PendingTasks;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** CreateActivity, DescribeActivity, DeleteActivity, ListActivities and GetActivityTask. */
final class ActivityOperations {
    /** GetActivityTask holds the request open this long when no task is waiting (AWS API reference). */
    private static final Duration LONG_POLL = Duration.ofSeconds(60);

    private final Backend backend;

    ActivityOperations(Backend backend) {
        this.backend = backend;
    }

    void register(Map<String, Operation> operations) {
        operations.put("CreateActivity", this::create);
        operations.put("DescribeActivity", this::describe);
        operations.put("DeleteActivity", this::delete);
        operations.put("ListActivities", this::list);
        operations.put("GetActivityTask", this::getTask);
    }

    /**
     * Creating an activity that exists returns it: CreateActivity is idempotent on AWS, as long as the encryption
     * configuration is the same (it may not be changed). One deleted between the
     * refused insert and the read is created again, so the answer always names a stored activity.
     */
    private ObjectNode create(ApiRequest request) {
        String name = Names.require(request.required("name"));
        String arn = request.arns().activity(name);
        EncryptionConfiguration encryption = EncryptionConfigurations.of(request);
        ActivityRecord activity = new ActivityRecord(arn, name, backend.clock().instant(),
                StateMachineOperations.tags(request.node("tags")), encryption);
        ActivityRecord stored = null;
        for (int attempt = 0; stored == null; attempt++) {
            if (attempt == StateMachineOperations.MAX_ATTEMPTS) {
                throw ApiException.of("ConflictException", "The activity was deleted by another request; retry");
            }
            stored = backend.activities().create(activity) ? activity : backend.activities().find(arn).orElse(null);
        }
        if (!stored.encryption().equals(activity.encryption())) {
            // The model's documentation of ActivityAlreadyExists is this message.
            throw ApiException.of("ActivityAlreadyExists",
                    "Activity already exists. EncryptionConfiguration may not be updated.");
        }
        activity = stored;
        ObjectNode response = WireJson.object().put("activityArn", arn);
        WireJson.putDate(response, "creationDate", activity.creationDate());
        return response;
    }

    private ActivityRecord activity(String arn) {
        return backend.activities().find(Arns.requireActivity(arn)).orElseThrow(() ->
                ApiException.of("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'"));
    }

    private ObjectNode describe(ApiRequest request) {
        ActivityRecord activity = activity(request.required("activityArn"));
        ObjectNode response = WireJson.object().put("activityArn", activity.arn()).put("name", activity.name());
        WireJson.putDate(response, "creationDate", activity.creationDate());
        EncryptionConfigurations.put(response, activity.encryption());
        return response;
    }

    private ObjectNode delete(ApiRequest request) {
        String arn = Arns.requireActivity(request.required("activityArn"));
        backend.activities().delete(arn);
        backend.activityQueue().forget(arn);
        return WireJson.object();
    }

    private ObjectNode list(ApiRequest request) {
        int maxResults = request.pageSize("maxResults", 100, 1000);
        Page<ActivityRecord> page;
        try {
            page = FilteredPages.of(maxResults, request.optional("nextToken"), backend.activities()::list,
                    activity -> request.arns().owns(activity.arn()));
        } catch (InvalidPageToken e) {
            throw ApiException.of("InvalidToken", "Invalid Token: 'Invalid pagination token'");
        }
        ObjectNode response = WireJson.object();
        ArrayNode items = response.putArray("activities");
        for (ActivityRecord activity : page.items()) {
            ObjectNode item = items.addObject().put("activityArn", activity.arn()).put("name", activity.name());
            WireJson.putDate(item, "creationDate", activity.creationDate());
        }
        WireJson.putIfPresent(response, "nextToken", page.nextToken());
        return response;
    }

    /**
     * Hands the oldest task to the worker and records {@code ActivityStarted}; tasks whose execution stopped
     * waiting meanwhile are skipped. Without a task within the long poll the answer is empty, as on AWS. A task is
     * acknowledged only once handled, so a queue that hands out unacknowledged tasks again loses none to a crash.
     */
    private ObjectNode getTask(ApiRequest request) {
        ActivityRecord activity = activity(request.required("activityArn"));
        String workerName = request.optional("workerName");
        Duration longPoll = backend.activityQueue().longestGetActivityTask();
        long deadline = System.nanoTime() + (longPoll.compareTo(LONG_POLL) < 0 ? longPoll : LONG_POLL).toNanos();
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            Optional<ActivityTask> task = backend.activityQueue().poll(activity.arn(),
                    Duration.ofNanos(deadline - System.nanoTime()));
            if (task.isPresent()) {
                boolean started = start(task.get(), workerName);
                backend.activityQueue().acknowledge(task.get());
                if (started) {
                    return WireJson.object().put("taskToken", task.get().taskToken()).put("input", task.get().input());
                }
            }
        }
        return WireJson.object();
    }

    private boolean start(ActivityTask task, String workerName) {
        Optional<TaskTokenGrant> grant = backend.tokens().findTaskToken(task.taskToken());
        if (grant.isEmpty()) {
            return false;
        }
        boolean pending = backend.executions().load(grant.get().executionArn())
                .map(execution -> PendingTasks.isPending(execution.state(), grant.get().ref()))
                .orElse(false);
        if (pending) {
            backend.runner().deliver(grant.get().executionArn(), new Trigger.TaskStarted(grant.get().ref(), workerName));
        }
        return pending;
    }
}
