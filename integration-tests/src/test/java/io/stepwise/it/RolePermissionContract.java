package io.stepwise.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Tasks call services as the state machine's role, as on Step Functions: on a moto that enforces IAM, the workers'
 * own credentials are an IAM user's allowed nothing but {@code sts:AssumeRole}, so a call succeeds only when the
 * machine's role trusts that user and allows the action. A role without the permission fails the Task with the
 * service's error name ({@code SQS.AmazonSQSException}, {@code DynamoDB.AmazonDynamoDBException}) and the refusal in
 * the cause; a role whose trust policy does not name the workers cannot be assumed (moto checks trust policies) and
 * fails the Task with {@code States.TaskFailed} naming the role. Each runtime's test extends this with its
 * composition, driven through the real {@link SfnClient}.
 */
public abstract class RolePermissionContract {
    protected static final String REGION = "us-east-1";
    /**
     * moto refuses an unauthorized call with HTTP 403 and an {@code <ErrorResponse><Errors><Error>} XML body, which
     * the SDK for Java cannot read: not from the JSON-protocol SQS and DynamoDB, nor from STS, whose query parser
     * expects no {@code <Errors>} wrapper. The cause keeps the status but no error code or message. On AWS it reads "User: arn:aws:sts::…:assumed-role/… is not authorized
     * to perform: sqs:sendmessage … (Service: AmazonSQS; Status Code: 403; Error Code: AccessDenied; …)". So the
     * tests assert the refusal by its status.
     */
    private static final String REFUSED = "Status Code: 403";
    private static final String WORKER = "stepwise-worker";

    protected static IamMoto moto;
    /** The workers' own credentials. */
    protected static AccessKey workerKey;
    private static String queueUrl;
    private static String writer;
    private static String reader;
    private static String untrusting;

    @BeforeAll
    static void provisionIam() throws Exception {
        moto = IamMoto.start();
        workerKey = moto.createUser(WORKER, List.of("sts:AssumeRole"));
        writer = moto.createRole("orders-writer", IamMoto.userArn(WORKER),
                List.of("sqs:SendMessage", "dynamodb:PutItem"));
        reader = moto.createRole("orders-reader", IamMoto.userArn(WORKER),
                List.of("sqs:ReceiveMessage", "dynamodb:GetItem"));
        untrusting = moto.createRole("orders-elsewhere", IamMoto.userArn("auditor"),
                List.of("sqs:SendMessage", "dynamodb:PutItem"));
        queueUrl = moto.createQueue("orders");
        moto.createTable("orders");
        moto.enforce();
    }

    @AfterAll
    static void stopMoto() throws Exception {
        if (moto != null) {
            moto.close();
        }
    }

    /** The Step Functions client of the composition under test, its integrations calling {@link #moto}. */
    protected abstract SfnClient sfn();

    @Test
    void aRoleAllowedTheActionsCallsTheServices() {
        DescribeExecutionResponse ended = run(writer, sendMessage());
        DescribeExecutionResponse put = run(writer, putItem());

        assertThat(ended.status()).as(ended.error() + ": " + ended.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(ended.output()).contains("MessageId");
        assertThat(put.status()).as(put.error() + ": " + put.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aRoleWithoutSendMessageFailsTheTaskWithSqsError() {
        DescribeExecutionResponse ended = run(reader, sendMessage());

        assertThat(ended.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ended.error()).isEqualTo("SQS.AmazonSQSException");
        assertThat(ended.cause()).contains("(Service: AmazonSQS; " + REFUSED + ";");
    }

    @Test
    void aRoleWithoutPutItemFailsTheTaskWithDynamoDbError() {
        DescribeExecutionResponse ended = run(reader, putItem());

        assertThat(ended.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ended.error()).isEqualTo("DynamoDB.AmazonDynamoDBException");
        assertThat(ended.cause()).contains("(Service: AmazonDynamoDBv2; " + REFUSED + ";");
    }

    @Test
    void aRoleThatDoesNotTrustTheWorkersCannotBeAssumed() {
        DescribeExecutionResponse ended = run(untrusting, sendMessage());

        assertThat(ended.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ended.error()).isEqualTo("States.TaskFailed");
        assertThat(ended.cause()).startsWith("Unable to assume the role '" + untrusting + "'")
                .contains(REFUSED);
    }

    private static String sendMessage() {
        return task("arn:aws:states:::sqs:sendMessage", """
                {"QueueUrl": "%s", "MessageBody.$": "$"}""".formatted(queueUrl));
    }

    private static String putItem() {
        return task("arn:aws:states:::dynamodb:putItem", """
                {"TableName": "orders", "Item": {"id": {"S.$": "$.id"}}}""");
    }

    private static String task(String resource, String parameters) {
        return """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "%s", "Parameters": %s,
                  "End": true}}}""".formatted(resource, parameters);
    }

    private DescribeExecutionResponse run(String roleArn, String definition) {
        String name = "m-" + UUID.randomUUID().toString().substring(0, 8);
        String machine = sfn().createStateMachine(b -> b.name(name).roleArn(roleArn).definition(definition))
                .stateMachineArn();
        String execution = sfn().startExecution(b -> b.stateMachineArn(machine).name("run-1")
                .input("{\"id\": \"order-7\"}")).executionArn();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            DescribeExecutionResponse described = sfn().describeExecution(b -> b.executionArn(execution));
            if (described.status() != ExecutionStatus.RUNNING || System.nanoTime() > deadline) {
                return described;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return described;
            }
        }
    }
}
