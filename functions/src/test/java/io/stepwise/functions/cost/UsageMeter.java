package io.stepwise.functions.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Counts what the requests of the clients it is installed on would be billed, at the adapter boundary, without
 * the stores knowing: DynamoDB request units from the sizes of the items each request touches, SQS requests per
 * 64 KB chunk, S3 requests, asynchronous Lambda Invokes (billed as the invocation each causes, which the test
 * counts when it hands the event to the handler, so not priced here). A write is billed on the larger of the item before and after, so the meter reads both
 * through a client of its own (not metered); an empty ReceiveMessage is idle polling of the event source mapping,
 * a fixed cost per queue rather than per transition, and is not counted.
 */
final class UsageMeter implements ExecutionInterceptor {
    private static final long SQS_CHUNK = 64 * 1024;
    private static final ExecutionAttribute<List<Map<String, AttributeValue>>> BEFORE =
            new ExecutionAttribute<>("stepwise.itemsBefore");
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("stepwise.started");

    private final Usage usage;
    private final DynamoDbClient sizer;
    private final Map<String, List<String>> keyNames = new ConcurrentHashMap<>();
    private final Map<String, List<GlobalSecondaryIndexDescription>> indexes = new ConcurrentHashMap<>();

    /** @param sizer an unmetered client of the same tables, for the items' sizes before and after a write */
    UsageMeter(Usage usage, DynamoDbClient sizer) {
        this.usage = usage;
        this.sizer = sizer;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        long sizing = System.nanoTime();
        long sizingCpu = Usage.threadCpuNanos();
        SdkRequest request = context.request();
        List<Map<String, AttributeValue>> before = new ArrayList<>();
        if (request instanceof PutItemRequest put) {
            before.add(item(put.tableName(), key(put.tableName(), put.item())));
        } else if (request instanceof UpdateItemRequest update) {
            before.add(item(update.tableName(), update.key()));
        } else if (request instanceof DeleteItemRequest delete) {
            before.add(item(delete.tableName(), delete.key()));
        } else if (request instanceof TransactWriteItemsRequest transaction) {
            for (TransactWriteItem item : transaction.transactItems()) {
                before.add(item(table(item), key(item)));
            }
        }
        attributes.putAttribute(BEFORE, before);
        long now = System.nanoTime();
        usage.metering(now - sizing, Usage.threadCpuNanos() - sizingCpu);
        attributes.putAttribute(STARTED, now);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        long now = System.nanoTime();
        long cpu = Usage.threadCpuNanos();
        usage.request(now - attributes.getAttribute(STARTED));
        count(context.request(), context.response(), attributes);
        usage.metering(System.nanoTime() - now, Usage.threadCpuNanos() - cpu);
    }

    /** A write whose condition failed is billed too; it changed nothing, so it is billed on the item as it was. */
    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        long now = System.nanoTime();
        long cpu = Usage.threadCpuNanos();
        usage.request(now - attributes.getAttribute(STARTED));
        if (request instanceof PutItemRequest || request instanceof UpdateItemRequest
                || request instanceof DeleteItemRequest || request instanceof TransactWriteItemsRequest) {
            count(request, null, attributes);
        }
        usage.metering(System.nanoTime() - now, Usage.threadCpuNanos() - cpu);
    }

    private void count(SdkRequest request, SdkResponse response, ExecutionAttributes attributes) {
        List<Map<String, AttributeValue>> before = attributes.getAttribute(BEFORE);
        boolean done = response != null;
        if (request instanceof PutItemRequest put) {
            wrote(put.tableName(), before.get(0), done ? put.item() : before.get(0), false);
        } else if (request instanceof UpdateItemRequest update) {
            wrote(update.tableName(), before.get(0), done ? item(update.tableName(), update.key()) : before.get(0),
                    false);
        } else if (request instanceof DeleteItemRequest delete) {
            wrote(delete.tableName(), before.get(0), done ? Map.of() : before.get(0), false);
        } else if (request instanceof TransactWriteItemsRequest transaction) {
            List<TransactWriteItem> items = transaction.transactItems();
            for (int i = 0; i < items.size(); i++) {
                TransactWriteItem item = items.get(i);
                Map<String, AttributeValue> after = !done || item.conditionCheck() != null ? before.get(i)
                        : item.put() != null ? item.put().item()
                        : item.update() != null ? item(table(item), key(item)) : Map.of();
                wrote(table(item), before.get(i), after, true);
            }
        } else if (request instanceof GetItemRequest get) {
            // Billed on the whole item even when a projection returns part of it.
            usage.read(DynamoDbUnits.readUnits(stored(get.tableName(), get.key()),
                    Boolean.TRUE.equals(get.consistentRead())));
        } else if (request instanceof QueryRequest query) {
            long bytes = ((QueryResponse) response).items().stream().mapToLong(DynamoDbUnits::size).sum();
            usage.read(DynamoDbUnits.readUnits(bytes, Boolean.TRUE.equals(query.consistentRead())));
        } else if (request instanceof ScanRequest scan) {
            long bytes = ((ScanResponse) response).items().stream().mapToLong(DynamoDbUnits::size).sum();
            usage.read(DynamoDbUnits.readUnits(bytes, Boolean.TRUE.equals(scan.consistentRead())));
        } else if (request instanceof SendMessageRequest send) {
            usage.sqs(fifo(send.queueUrl()), chunks(bytes(send.messageBody())));
            if (send.queueUrl().endsWith("tasks")) {
                usage.sqsTaskSend();
            }
        } else if (request instanceof InvokeRequest invoke && invoke.invocationType() == InvocationType.EVENT) {
            usage.lambdaInvoke();
        } else if (request instanceof SendMessageBatchRequest batch) {
            long bytes = batch.entries().stream().map(SendMessageBatchRequestEntry::messageBody)
                    .mapToLong(UsageMeter::bytes).sum();
            usage.sqs(fifo(batch.queueUrl()), chunks(bytes));
        } else if (request instanceof ReceiveMessageRequest receive) {
            ReceiveMessageResponse received = (ReceiveMessageResponse) response;
            if (received.hasMessages() && !received.messages().isEmpty()) {
                long bytes = received.messages().stream().mapToLong(m -> bytes(m.body())).sum();
                usage.sqs(fifo(receive.queueUrl()), chunks(bytes));
            }
        } else if (request instanceof DeleteMessageRequest delete) {
            usage.sqs(fifo(delete.queueUrl()), 1);
        } else if (request instanceof DeleteMessageBatchRequest delete) {
            usage.sqs(fifo(delete.queueUrl()), 1);
        } else if (request instanceof ChangeMessageVisibilityRequest change) {
            usage.sqs(fifo(change.queueUrl()), 1);
        } else if (request instanceof ChangeMessageVisibilityBatchRequest change) {
            usage.sqs(fifo(change.queueUrl()), 1);
        } else if (request instanceof PutObjectRequest) {
            usage.s3(true);
        } else if (request instanceof GetObjectRequest) {
            usage.s3(false);
        } else {
            usage.unpriced(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    private long stored(String table, Map<String, AttributeValue> key) {
        return DynamoDbUnits.size(item(table, key));
    }

    /** The stored item, empty when there is none. */
    private Map<String, AttributeValue> item(String table, Map<String, AttributeValue> key) {
        GetItemResponse response = sizer.getItem(b -> b.tableName(table).key(key).consistentRead(true));
        return response.hasItem() ? response.item() : Map.of();
    }

    /**
     * A write of one item: the table's units on the larger of the item before and after, and the writes it causes
     * in the table's global secondary indexes, as the developer guide counts them ("Provisioned throughput
     * considerations for Global Secondary Indexes"): an index entry put or deleted is one write of its size, one
     * whose key changed is two (delete and put), one whose projected attributes changed is one. Index writes are
     * counted as standard writes even inside a transaction, which the pricing pages do not say otherwise.
     */
    private void wrote(String table, Map<String, AttributeValue> before, Map<String, AttributeValue> after,
            boolean transactional) {
        usage.wrote(table, DynamoDbUnits.writeUnits(Math.max(DynamoDbUnits.size(before), DynamoDbUnits.size(after)),
                transactional));
        for (GlobalSecondaryIndexDescription index : indexes(table)) {
            Map<String, AttributeValue> was = entry(table, index, before);
            Map<String, AttributeValue> is = entry(table, index, after);
            long units = 0;
            if (was == null && is != null) {
                units = DynamoDbUnits.writeUnits(DynamoDbUnits.size(is), false);
            } else if (was != null && is == null) {
                units = DynamoDbUnits.writeUnits(DynamoDbUnits.size(was), false);
            } else if (was != null && !was.equals(is)) {
                boolean keyChanged = index.keySchema().stream().map(KeySchemaElement::attributeName)
                        .anyMatch(name -> !was.get(name).equals(is.get(name)));
                units = DynamoDbUnits.writeUnits(DynamoDbUnits.size(is), false)
                        + (keyChanged ? DynamoDbUnits.writeUnits(DynamoDbUnits.size(was), false) : 0);
            }
            if (units > 0) {
                usage.wrote(table + " indexes", units);
            }
        }
    }

    private List<GlobalSecondaryIndexDescription> indexes(String table) {
        return indexes.computeIfAbsent(table, t -> {
            TableDescription description = sizer.describeTable(b -> b.tableName(t)).table();
            return description.hasGlobalSecondaryIndexes() ? description.globalSecondaryIndexes() : List.of();
        });
    }

    /** What {@code index} holds of {@code item}: its keys, the table's and the projected attributes; or null. */
    private Map<String, AttributeValue> entry(String table, GlobalSecondaryIndexDescription index,
            Map<String, AttributeValue> item) {
        if (item.isEmpty() || index.keySchema().stream().anyMatch(k -> !item.containsKey(k.attributeName()))) {
            return null;
        }
        Map<String, AttributeValue> entry = new java.util.HashMap<>();
        index.keySchema().forEach(k -> entry.put(k.attributeName(), item.get(k.attributeName())));
        keyNames(table).forEach(name -> entry.put(name, item.get(name)));
        Projection projection = index.projection();
        if (projection.projectionType() == ProjectionType.ALL) {
            entry.putAll(item);
        } else if (projection.projectionType() == ProjectionType.INCLUDE) {
            projection.nonKeyAttributes().stream().filter(item::containsKey)
                    .forEach(name -> entry.put(name, item.get(name)));
        }
        return entry;
    }

    private Map<String, AttributeValue> key(String table, Map<String, AttributeValue> item) {
        return keyNames(table).stream().collect(Collectors.toMap(name -> name, item::get));
    }

    private List<String> keyNames(String table) {
        return keyNames.computeIfAbsent(table, t -> sizer.describeTable(b -> b.tableName(t)).table()
                .keySchema().stream().map(KeySchemaElement::attributeName).toList());
    }

    private Map<String, AttributeValue> key(TransactWriteItem item) {
        if (item.put() != null) {
            return key(item.put().tableName(), item.put().item());
        }
        if (item.update() != null) {
            return item.update().key();
        }
        if (item.delete() != null) {
            return item.delete().key();
        }
        return item.conditionCheck().key();
    }

    private static String table(TransactWriteItem item) {
        if (item.put() != null) {
            return item.put().tableName();
        }
        if (item.update() != null) {
            return item.update().tableName();
        }
        if (item.delete() != null) {
            return item.delete().tableName();
        }
        return item.conditionCheck().tableName();
    }

    private static boolean fifo(String queueUrl) {
        return queueUrl.endsWith(".fifo");
    }

    private static long bytes(String body) {
        return body == null ? 0 : body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static long chunks(long bytes) {
        return Math.max(1, DynamoDbUnits.ceilDiv(bytes, SQS_CHUNK));
    }
}
