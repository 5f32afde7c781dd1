package io.stepwise.functions.store;

import static io.stepwise.functions.store.Attributes.n;
import static io.stepwise.functions.store.Attributes.s;

import io.stepwise.engine.port.StateMachineAliasRecord;
import io.stepwise.engine.port.StateMachineRecord;
import io.stepwise.engine.port.StateMachineVersionRecord;
import io.stepwise.engine.port.StateMachineVersionStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Versions, aliases and execution sources in one DynamoDB table, versions and aliases under their state machine's
 * ARN so that listing and deleting them all is one query. A version's ARN is its machine's with
 * {@code :<number>} and an alias's with {@code :<name>}, so either is found by key from its ARN. Publishing is one
 * transaction: a check that the state machine item still has the digest of the revision read, the machine's version
 * counter moved on from the number read, and the version put; a concurrent publish makes it retry.
 */
public final class DynamoDbVersionStore implements StateMachineVersionStore {
    private static final int MAX_PUBLISH_ATTEMPTS = 20;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String machines;

    public DynamoDbVersionStore(DynamoDbClient dynamo, DynamoDbTables tables) {
        this.dynamo = dynamo;
        this.table = tables.versions();
        this.machines = tables.stateMachines();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static String versionKey(long version) {
        return String.format("v#%012d", version);
    }

    @Override
    public Optional<StateMachineVersionRecord> publish(StateMachineRecord machine, String description, Instant now) {
        for (int attempt = 0; attempt < MAX_PUBLISH_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> stored = get(machines, Map.of("arn", s(machine.arn())));
            if (stored == null) {
                return Optional.empty();
            }
            StateMachineRecord current = DynamoDbJson.JSON.read(LargeText.inline().decode(stored.get("record")),
                    StateMachineRecord.class);
            if (current.revision() != machine.revision() || !current.definition().equals(machine.definition())
                    || !current.roleArn().equals(machine.roleArn())) {
                return Optional.empty();
            }
            List<StateMachineVersionRecord> newest =
                    query(machine.arn(), "v#", false, 1, StateMachineVersionRecord.class);
            if (!newest.isEmpty() && newest.get(0).revision() == machine.revision()
                    && newest.get(0).definition().equals(machine.definition())
                    && newest.get(0).roleArn().equals(machine.roleArn())) {
                return Optional.of(newest.get(0));
            }
            Map<String, AttributeValue> counter = get(table, key(machine.arn(), "counter"));
            // moto builds an item that an update creates in two steps, so a counter another publish is creating can be
            // read without its lastVersion (DynamoDB never shows that); taken as 0, the conditional write then fails
            // and the next attempt reads the counter again.
            long last = counter == null || !counter.containsKey("lastVersion") ? 0
                    : Attributes.number(counter, "lastVersion");
            long version = last + 1;
            StateMachineVersionRecord record = new StateMachineVersionRecord(machine.arn() + ":" + version,
                    machine.arn(), version, machine.definition(), machine.roleArn(), machine.revision(), description,
                    now);
            if (publish(machine.arn(), stored.get("digest"), last, record)) {
                return Optional.of(record);
            }
        }
        throw new IllegalStateException("could not publish a version of " + machine.arn() + " after "
                + MAX_PUBLISH_ATTEMPTS + " attempts");
    }

    private boolean publish(String machineArn, AttributeValue digest, long last, StateMachineVersionRecord record) {
        Update.Builder counter = Update.builder().tableName(table).key(key(machineArn, "counter"))
                .updateExpression("SET lastVersion = :next");
        if (last == 0) {
            counter.conditionExpression("attribute_not_exists(pk)")
                    .expressionAttributeValues(Map.of(":next", n(record.version())));
        } else {
            counter.conditionExpression("lastVersion = :last")
                    .expressionAttributeValues(Map.of(":next", n(record.version()), ":last", n(last)));
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(machines)
                            .key(Map.of("arn", s(machineArn))).conditionExpression("digest = :digest")
                            .expressionAttributeValues(Map.of(":digest", digest)).build()).build(),
                    TransactWriteItem.builder().update(counter.build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(item(machineArn, versionKey(record.version()), record.arn(), record)).build())
                            .build()));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public Optional<StateMachineVersionRecord> findVersion(String versionArn) {
        int colon = versionArn.lastIndexOf(':');
        long version;
        try {
            version = Long.parseLong(versionArn.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return find(versionArn.substring(0, colon), versionKey(version), versionArn, StateMachineVersionRecord.class);
    }

    @Override
    public List<StateMachineVersionRecord> versions(String stateMachineArn) {
        return query(stateMachineArn, "v#", false, Integer.MAX_VALUE, StateMachineVersionRecord.class);
    }

    @Override
    public boolean deleteVersion(String versionArn) {
        Optional<StateMachineVersionRecord> version = findVersion(versionArn);
        return version.isPresent() && delete(version.get().stateMachineArn(), versionKey(version.get().version()));
    }

    @Override
    public boolean createAlias(StateMachineAliasRecord alias) {
        return put(alias, "attribute_not_exists(pk)");
    }

    @Override
    public boolean updateAlias(StateMachineAliasRecord alias) {
        return put(alias, "attribute_exists(pk)");
    }

    private boolean put(StateMachineAliasRecord alias, String condition) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(alias.stateMachineArn(), "a#" + alias.name(),
                    alias.arn(), alias)).conditionExpression(condition));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<StateMachineAliasRecord> findAlias(String aliasArn) {
        int colon = aliasArn.lastIndexOf(':');
        return find(aliasArn.substring(0, Math.max(0, colon)), "a#" + aliasArn.substring(colon + 1), aliasArn,
                StateMachineAliasRecord.class);
    }

    @Override
    public List<StateMachineAliasRecord> aliases(String stateMachineArn) {
        return query(stateMachineArn, "a#", true, Integer.MAX_VALUE, StateMachineAliasRecord.class);
    }

    @Override
    public boolean deleteAlias(String aliasArn) {
        Optional<StateMachineAliasRecord> alias = findAlias(aliasArn);
        return alias.isPresent() && delete(alias.get().stateMachineArn(), "a#" + alias.get().name());
    }

    @Override
    public void deleteAll(String stateMachineArn) {
        Queries.all(dynamo, QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(stateMachineArn)))
                .projectionExpression("pk, sk").build())
                .forEach(item -> dynamo.deleteItem(b -> b.tableName(table).key(item)));
    }

    @Override
    public void recordExecutionSource(String executionArn, String versionArn, String aliasArn) {
        Map<String, AttributeValue> item = new HashMap<>(key(executionArn, "source"));
        item.put("versionArn", s(versionArn));
        if (aliasArn != null) {
            item.put("aliasArn", s(aliasArn));
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<ExecutionSource> executionSource(String executionArn) {
        Map<String, AttributeValue> item = get(table, key(executionArn, "source"));
        return item == null ? Optional.empty() : Optional.of(new ExecutionSource(Attributes.string(item, "versionArn"),
                Attributes.string(item, "aliasArn")));
    }

    private Map<String, AttributeValue> get(String tableName, Map<String, AttributeValue> key) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(tableName).key(key).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    private <T> Optional<T> find(String pk, String sk, String arn, Class<T> type) {
        Map<String, AttributeValue> item = get(table, key(pk, sk));
        return item == null || !arn.equals(Attributes.string(item, "arn")) ? Optional.empty()
                : Optional.of(DynamoDbJson.JSON.read(LargeText.inline().decode(item.get("record")), type));
    }

    private boolean delete(String pk, String sk) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(pk, sk)).conditionExpression("attribute_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private <T> List<T> query(String pk, String prefix, boolean ascending, int limit, Class<T> type) {
        return Queries.upTo(dynamo, QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(prefix)))
                .scanIndexForward(ascending).build(), null, limit, 1_000,
                item -> DynamoDbJson.JSON.read(LargeText.inline().decode(item.get("record")), type));
    }

    private static Map<String, AttributeValue> item(String pk, String sk, String arn, Object record) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk, sk));
        item.put("arn", s(arn));
        item.put("record", LargeText.inline().encode(DynamoDbJson.JSON.write(record), arn));
        return item;
    }
}
