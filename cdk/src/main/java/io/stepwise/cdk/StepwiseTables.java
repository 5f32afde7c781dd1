package io.stepwise.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * The DynamoDB tables exactly as module {@code functions}' {@code DynamoDbTables} defines them (see
 * {@code functions/TABLES.md}): named {@code <prefix><table>}, the prefix reaching the functions as
 * {@code STEPWISE_TABLE_PREFIX}; on-demand, with point-in-time recovery and encryption at rest, retained when the
 * stack is deleted. {@code StepwiseStackTest} compares every name, key, attribute type and index with
 * {@code DynamoDbTables.definitions()}.
 */
final class StepwiseTables extends Construct {
    static final String EXECUTIONS = "executions";
    static final String HISTORY = "history";
    static final String TOKENS = "tokens";
    static final String TIMERS = "timers";
    static final String OUTBOX = "outbox";
    static final String STATE_MACHINES = "stateMachines";
    static final String ACTIVITIES = "activities";
    static final String VERSIONS = "versions";
    static final String MAP_RUNS = "mapRuns";
    static final String ACTIVITY_TASKS = "activityTasks";
    /** The tables of one execution's commit: what the execution store reads and writes. */
    static final List<String> EXECUTION_TABLES = List.of(EXECUTIONS, HISTORY, TOKENS, TIMERS, OUTBOX);

    /**
     * Item reads and writes, no table management and no streams. Transactions need no action of their own:
     * DynamoDB authorises each item of one by its Put, Update, Delete or ConditionCheck action.
     */
    static final List<String> ITEM_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan",
            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem");

    final String prefix;
    private final Map<String, Table> tables = new LinkedHashMap<>();

    StepwiseTables(Construct scope, String id, Encryption encryption, String prefix) {
        super(scope, id);
        this.prefix = prefix;
        Table executions = table(EXECUTIONS, encryption, string("arn"), null);
        executions.addGlobalSecondaryIndex(listing("byMachineStatus", "machineStatus"));
        // Sparse: only executions with tasks in flight, for the recovery sweep (functions/TABLES.md).
        executions.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder().indexName("bySweep")
                .partitionKey(string("sweepShard"))
                .sortKey(Attribute.builder().name("sweepAt").type(AttributeType.NUMBER).build())
                .projectionType(ProjectionType.KEYS_ONLY).build());
        table(HISTORY, encryption, string("arn"), Attribute.builder().name("id").type(AttributeType.NUMBER).build());
        table(TOKENS, encryption, string("hash"), null);
        table(TIMERS, encryption, string("arn"), string("ref"));
        table(OUTBOX, encryption, string("arn"), string("ref"));
        table(VERSIONS, encryption, string("pk"), string("sk"));
        table(MAP_RUNS, encryption, string("arn"), null).addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName("byExecution").partitionKey(string("executionArn")).sortKey(string("startKey"))
                .projectionType(ProjectionType.ALL).build());
        table(ACTIVITY_TASKS, encryption, string("activityArn"), string("sk"));
        for (String named : List.of(STATE_MACHINES, ACTIVITIES)) {
            table(named, encryption, string("arn"), null).addGlobalSecondaryIndex(GlobalSecondaryIndexProps
                    .builder().indexName("byName").partitionKey(string("kind")).sortKey(string("name"))
                    .projectionType(ProjectionType.ALL).build());
        }
    }

    Table table(String name) {
        return tables.get(name);
    }

    /** {@link #ITEM_ACTIONS} on every table and its indexes: the API reads and writes everything. */
    void grantItemAccess(IGrantable grantee) {
        grantItemAccess(grantee, List.copyOf(tables.keySet()));
    }

    void grantItemAccess(IGrantable grantee, List<String> names) {
        grant(grantee, names, ITEM_ACTIONS);
    }

    void grant(IGrantable grantee, List<String> names, List<String> actions) {
        for (String name : names) {
            tables.get(name).grant(grantee, actions.toArray(String[]::new));
        }
    }

    private Table table(String name, Encryption encryption, Attribute partitionKey, Attribute sortKey) {
        Table.Builder table = Table.Builder.create(this, name)
                .tableName(prefix + name)
                .partitionKey(partitionKey)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(encryption.table())
                .removalPolicy(RemovalPolicy.RETAIN);
        if (encryption.key() != null) {
            table.encryptionKey(encryption.key());
        }
        if (sortKey != null) {
            table.sortKey(sortKey);
        }
        Table built = table.build();
        tables.put(name, built);
        return built;
    }

    /** An execution listing, newest first by {@code startKey}, projecting what ListExecutions answers. */
    private static GlobalSecondaryIndexProps listing(String name, String partitionKey) {
        return GlobalSecondaryIndexProps.builder().indexName(name).partitionKey(string(partitionKey))
                .sortKey(string("startKey")).projectionType(ProjectionType.INCLUDE)
                .nonKeyAttributes(List.of("name", "status", "startDate", "stopDate", "redriveDate")).build();
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
