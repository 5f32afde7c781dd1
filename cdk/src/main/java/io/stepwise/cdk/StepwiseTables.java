package io.stepwise.cdk;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * The DynamoDB tables, on-demand, with point-in-time recovery and encryption at rest, retained when the stack is
 * deleted. Key schemas are listed in {@code cdk/README.md}; the functions find the tables by the environment
 * variables {@link #environment()} returns.
 */
final class StepwiseTables extends Construct {
    static final String BY_MACHINE_STATUS = "byStateMachineStatus";
    static final String BY_MACHINE = "byStateMachine";
    static final String OUTBOX = "outbox";

    private static final String[] ITEM_ACTIONS = {"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
        "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem",
        "dynamodb:ConditionCheckItem"};

    final Table stateMachines;
    final Table executions;
    final Table history;
    final Table taskTokens;
    final Table activities;
    final Table mapRuns;

    StepwiseTables(Construct scope, String id, Encryption encryption) {
        super(scope, id);
        stateMachines = table("StateMachines", encryption, "pk", "sk", null);
        executions = table("Executions", encryption, "executionArn", null, null);
        executions.addGlobalSecondaryIndex(index(BY_MACHINE_STATUS, "stateMachineArn", "statusStartDate"));
        executions.addGlobalSecondaryIndex(index(BY_MACHINE, "stateMachineArn", "startDate"));
        executions.addGlobalSecondaryIndex(index(OUTBOX, "outboxShard", "outboxDue"));
        history = table("History", encryption, "executionArn", "eventId", AttributeType.NUMBER);
        taskTokens = table("TaskTokens", encryption, "tokenHash", null, null);
        activities = table("Activities", encryption, "activityArn", null, null);
        mapRuns = table("MapRuns", encryption, "mapRunArn", "sk", null);
    }

    /** The environment variables naming each table, as module {@code functions}' {@code Environment} reads them. */
    Map<String, String> environment() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("STEPWISE_STATE_MACHINES_TABLE", stateMachines.getTableName());
        names.put("STEPWISE_EXECUTIONS_TABLE", executions.getTableName());
        names.put("STEPWISE_HISTORY_TABLE", history.getTableName());
        names.put("STEPWISE_TASK_TOKENS_TABLE", taskTokens.getTableName());
        names.put("STEPWISE_ACTIVITIES_TABLE", activities.getTableName());
        names.put("STEPWISE_MAP_RUNS_TABLE", mapRuns.getTableName());
        return names;
    }

    /**
     * Item reads and writes on every table and its indexes, no table management and no streams (there are none).
     * Transactions need no action of their own: DynamoDB authorises each item of one by its Put, Update, Delete
     * or ConditionCheck action. Scan serves the list operations of the small tables.
     */
    void grantItemAccess(IGrantable grantee) {
        for (Table table : new Table[] {stateMachines, executions, history, taskTokens, activities, mapRuns}) {
            table.grant(grantee, ITEM_ACTIONS);
        }
    }

    private Table table(String id, Encryption encryption, String partitionKey, String sortKey, AttributeType sortType) {
        Table.Builder table = Table.Builder.create(this, id)
                .partitionKey(string(partitionKey))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(encryption.table())
                .removalPolicy(RemovalPolicy.RETAIN);
        if (encryption.key() != null) {
            table.encryptionKey(encryption.key());
        }
        if (sortKey != null) {
            table.sortKey(Attribute.builder().name(sortKey).type(sortType == null ? AttributeType.STRING : sortType)
                    .build());
        }
        if (id.equals("TaskTokens")) {
            table.timeToLiveAttribute("expiresAt");
        }
        return table.build();
    }

    private static GlobalSecondaryIndexProps index(String name, String partitionKey, String sortKey) {
        return GlobalSecondaryIndexProps.builder().indexName(name).partitionKey(string(partitionKey))
                .sortKey(string(sortKey)).build();
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
