package io.stepwise.functions.store;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The names and key schemas of Stepwise's DynamoDB tables; {@link #create} makes them (tests, a first deploy without
 * CloudFormation) and the CDK stack declares the same. Every table is on-demand; {@code S} is a string, {@code N} a
 * number, {@code B} binary. Dates are epoch milliseconds. {@code functions/TABLES.md} lists the same.
 *
 * <ul>
 *   <li>{@code <prefix>executions}: partition key {@code arn} (S). Attributes {@code machineArn}, {@code name},
 *       {@code status}, {@code startDate}, {@code stopDate}, {@code version}, {@code nextEventId},
 *       {@code formatVersion}, {@code definition} and {@code state} (S, or gzipped B when large),
 *       {@code machineStatus} ({@code machineArn + "|" + status}) and {@code startKey} (13-digit zero-padded
 *       {@code startDate + "|" + arn}), and the last commit's history events ({@link LastEvents}). GSI
 *       {@code byMachineStatus}: {@code machineStatus} (S) /
 *       {@code startKey} (S), projecting {@code name}, {@code status}, {@code startDate}, {@code stopDate},
 *       {@code redriveDate}, queried newest first, one query per status when the listing has no status filter. Layout
 *       5: {@code sweepShard}, {@code claims} and {@code sweepAt}, the task outbox's claims ({@link ItemOutbox}); GSI
 *       {@code bySweep}: {@code sweepShard} (S) / {@code sweepAt} (N), keys only, sparse: the executions with tasks
 *       in flight.</li>
 *   <li>{@code <prefix>history}: {@code arn} (S) / {@code id} (N). Chunks of a commit's events
 *       ({@link HistoryChunks}); items of layout 1 hold one event each.</li>
 *   <li>{@code <prefix>tokens}: {@code hash} (S, hex SHA-256 of the task token). Attributes {@code arn},
 *       {@code ref}, {@code addedIn}, {@code writer} ({@link CommitWrites}).</li>
 *   <li>{@code <prefix>timers}: {@code arn} (S) / {@code ref} (S). Attributes {@code dueAt}, {@code addedIn},
 *       {@code writer}.</li>
 *   <li>{@code <prefix>outbox}: {@code arn} (S) / {@code ref} (S). Attributes {@code seq} (commit order),
 *       {@code claimedUntil}, {@code task} (JSON), {@code addedIn}, {@code writer}: the tasks of executions created
 *       before layout 5, until they end.</li>
 *   <li>{@code <prefix>stateMachines}: {@code arn} (S). Attributes {@code kind} (always {@code machine}),
 *       {@code name}, {@code record} (JSON, S or gzipped B), {@code digest} (SHA-256 of the JSON, what updates are
 *       conditional on). GSI {@code byName}: {@code kind} (S) / {@code name} (S), projecting all attributes.</li>
 *   <li>{@code <prefix>activities}: as {@code stateMachines}, with {@code kind} {@code activity}.</li>
 *   <li>{@code <prefix>versions}: {@code pk} (S) / {@code sk} (S). Under a state machine's ARN: {@code sk}
 *       {@code counter} (attribute {@code lastVersion}), {@code v#<12-digit version>} and {@code a#<alias name>}
 *       (attributes {@code arn}, {@code record}: JSON, S or gzipped B). Under an execution's ARN: {@code sk}
 *       {@code source} (attributes {@code versionArn}, {@code aliasArn}).</li>
 *   <li>{@code <prefix>mapRuns}: {@code arn} (S, the Map Run's). Attributes {@code executionArn}, {@code startKey}
 *       (13-digit zero-padded {@code startDate + "|" + arn}), {@code record} (JSON), {@code digest} (SHA-256 of the
 *       JSON, what updates are conditional on). GSI {@code byExecution}: {@code executionArn} (S) /
 *       {@code startKey} (S), projecting all attributes, queried newest first.</li>
 *   <li>{@code <prefix>activityTasks}: {@code activityArn} (S) / {@code sk} (S, 13-digit offer time in ms, "#",
 *       SHA-256 of the token). Attributes {@code executionArn}, {@code token}, {@code input},
 *       {@code claimedUntil} (N, 0 while nobody holds the task). See {@link DynamoDbActivityQueue}.</li>
 * </ul>
 */
public final class DynamoDbTables {
    static final String BY_MACHINE_STATUS = "byMachineStatus";
    /** The executions whose outbox tasks the recovery sweep must look at, and from when ({@link ItemOutbox}). */
    static final String BY_SWEEP = "bySweep";
    static final String BY_NAME = "byName";
    static final String BY_EXECUTION = "byExecution";

    private final String prefix;

    /** @param prefix put before every table name, e.g. the stack's name and a dash */
    public DynamoDbTables(String prefix) {
        this.prefix = prefix;
    }

    public String executions() {
        return prefix + "executions";
    }

    public String history() {
        return prefix + "history";
    }

    public String tokens() {
        return prefix + "tokens";
    }

    public String timers() {
        return prefix + "timers";
    }

    public String outbox() {
        return prefix + "outbox";
    }

    public String stateMachines() {
        return prefix + "stateMachines";
    }

    public String activities() {
        return prefix + "activities";
    }

    public String versions() {
        return prefix + "versions";
    }

    public String mapRuns() {
        return prefix + "mapRuns";
    }

    public String activityTasks() {
        return prefix + "activityTasks";
    }

    /** Creates every table that does not exist yet. */
    public void create(DynamoDbClient dynamo) {
        for (CreateTableRequest table : definitions()) {
            create(dynamo, table);
        }
    }

    /**
     * Every table as a {@code CreateTable} request: names, key schemas, attribute definitions, indexes, on-demand.
     * The CDK stack's test compares what the stack declares with these.
     */
    public List<CreateTableRequest> definitions() {
        List<CreateTableRequest> tables = new ArrayList<>();
        tables.add(table(executions(), "arn", null)
                .attributeDefinitions(string("arn"), string("machineStatus"), string("startKey"),
                        string(ItemOutbox.SWEEP_SHARD), number(ItemOutbox.SWEEP_AT))
                .globalSecondaryIndexes(listing(BY_MACHINE_STATUS, "machineStatus", "startKey"),
                        GlobalSecondaryIndex.builder().indexName(BY_SWEEP)
                                .keySchema(key(ItemOutbox.SWEEP_SHARD, KeyType.HASH),
                                        key(ItemOutbox.SWEEP_AT, KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                                .build())
                .build());
        tables.add(table(history(), "arn", "id")
                .attributeDefinitions(string("arn"), number("id")).build());
        tables.add(table(tokens(), "hash", null).attributeDefinitions(string("hash")).build());
        tables.add(table(timers(), "arn", "ref").attributeDefinitions(string("arn"), string("ref")).build());
        tables.add(table(outbox(), "arn", "ref").attributeDefinitions(string("arn"), string("ref")).build());
        tables.add(table(versions(), "pk", "sk").attributeDefinitions(string("pk"), string("sk")).build());
        tables.add(table(mapRuns(), "arn", null)
                .attributeDefinitions(string("arn"), string("executionArn"), string("startKey"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(BY_EXECUTION)
                        .keySchema(key("executionArn", KeyType.HASH), key("startKey", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build())
                .build());
        tables.add(table(activityTasks(), "activityArn", "sk")
                .attributeDefinitions(string("activityArn"), string("sk")).build());
        for (String named : List.of(stateMachines(), activities())) {
            tables.add(table(named, "arn", null)
                    .attributeDefinitions(string("arn"), string("kind"), string("name"))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(BY_NAME)
                            .keySchema(key("kind", KeyType.HASH), key("name", KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                            .build())
                    .build());
        }
        return tables;
    }

    private static void create(DynamoDbClient dynamo, CreateTableRequest request) {
        try {
            dynamo.createTable(request);
        } catch (ResourceInUseException exists) {
            return;
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(request.tableName()));
    }

    private static CreateTableRequest.Builder table(String name, String partitionKey, String sortKey) {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(key(partitionKey, KeyType.HASH));
        if (sortKey != null) {
            keys.add(key(sortKey, KeyType.RANGE));
        }
        return CreateTableRequest.builder().tableName(name).keySchema(keys).billingMode(BillingMode.PAY_PER_REQUEST);
    }

    private static GlobalSecondaryIndex listing(String name, String partitionKey, String sortKey) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(key(partitionKey, KeyType.HASH), key(sortKey, KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                        .nonKeyAttributes("name", "status", "startDate", "stopDate", "redriveDate").build())
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static AttributeDefinition number(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.N).build();
    }
}
